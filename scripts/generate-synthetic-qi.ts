// Generates the search benchmark's synthetic table: 1M rows (default) × 9 quasi-identifiers with
// ARX-format hierarchies, deterministic from a seed, skewed and correlated like census data.
// Usage: node --import tsx scripts/generate-synthetic-qi.ts [--rows 1000000] [--seed 42] [--out data/synthetic-qi]
// Writes <out>/synthetic.csv (`;`-separated), <out>/hierarchy_<qi>.csv and <out>/qis.json. Not committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../src/core/rng.js';
import type { Rng } from '../src/core/rng.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const rowCount = Number(option('--rows', '1000000'));
const seed = Number(option('--seed', '42'));
const outDir = option('--out', 'data/synthetic-qi');

/** A hierarchy as rows `leaf;level1;…;*`. */
type HierarchyRows = string[][];

function chainHierarchy(
  leaves: readonly string[],
  ...levels: ((leaf: string, index: number) => string)[]
): HierarchyRows {
  return leaves.map((leaf, index) => [leaf, ...levels.map((level) => level(leaf, index)), '*']);
}

/** Zipf-like pick of an index in [0, n): small indices are frequent. */
function skewed(rng: Rng, n: number, exponent = 1.1): number {
  const u = rng.next();
  return Math.min(n - 1, Math.floor(n * Math.pow(u, 1 + exponent)));
}

const ages = Array.from({ length: 100 }, (_, age) => String(age));
const band = (width: number) => (leaf: string) => {
  const low = Math.floor(Number(leaf) / width) * width;
  return `${low}-${low + width - 1}`;
};
const provinces = 31;
const cities = Array.from({ length: 300 }, (_, i) => `C${String(i).padStart(3, '0')}`);
const provinceOf = (index: number) => index % provinces;
const educations = [
  'none',
  'primary',
  'junior',
  'senior',
  'vocational',
  'college',
  'bachelor',
  'postgraduate',
];
const educationGroup = [
  'basic',
  'basic',
  'basic',
  'secondary',
  'secondary',
  'higher',
  'higher',
  'higher',
];
const maritals = ['single', 'married', 'divorced', 'widowed', 'cohabiting'];
const occupations = Array.from({ length: 40 }, (_, i) => `occ${String(i).padStart(2, '0')}`);
const incomes = Array.from({ length: 20 }, (_, i) => `inc${String(i).padStart(2, '0')}`);
const ethnicities = Array.from({ length: 10 }, (_, i) => `eth${i}`);
const households = ['1', '2', '3', '4', '5', '6', '7', '8'];

const hierarchies: Record<string, HierarchyRows> = {
  age: chainHierarchy(ages, band(5), band(10), band(20)),
  sex: chainHierarchy(['F', 'M']),
  city: chainHierarchy(
    cities,
    (_, i) => `P${String(provinceOf(i)).padStart(2, '0')}`,
    (_, i) => `R${provinceOf(i) % 7}`,
  ),
  education: chainHierarchy(educations, (_, i) => educationGroup[i]),
  marital: chainHierarchy(maritals, (_, i) => (i === 1 || i === 4 ? 'partnered' : 'alone')),
  occupation: chainHierarchy(occupations, (_, i) => `sector${Math.floor(i / 5)}`),
  income: chainHierarchy(incomes, (_, i) => `q${Math.floor(i / 4)}`),
  ethnicity: chainHierarchy(ethnicities, (_, i) => (i === 0 ? 'majority' : 'minority')),
  household: chainHierarchy(households, (leaf) =>
    Number(leaf) <= 2 ? 'small' : Number(leaf) <= 4 ? 'medium' : 'large',
  ),
};
const names = Object.keys(hierarchies);

const rng = createRng(seed);
const lines: string[] = [names.join(';')];
for (let row = 0; row < rowCount; row++) {
  const age = Math.min(99, Math.floor(rng.next() * 60 + rng.next() * 40));
  const sex = rng.next() < 0.51 ? 'F' : 'M';
  const city = cities[skewed(rng, cities.length)];
  const education = Math.min(
    7,
    Math.max(0, Math.round(3 + (rng.next() - 0.5) * 4 + (age > 25 && age < 60 ? 1 : 0))),
  );
  const marital =
    age < 22
      ? 0
      : age > 75
        ? rng.next() < 0.5
          ? 3
          : 1
        : rng.next() < 0.65
          ? 1
          : skewed(rng, 5, 0.5);
  const occupation = Math.min(39, education * 5 + skewed(rng, 12, 0.8));
  const income = Math.min(19, Math.floor(occupation / 2.5 + skewed(rng, 6, 0.5)));
  const ethnicity = skewed(rng, ethnicities.length, 3);
  const household = marital === 1 ? 1 + skewed(rng, 7, 0.7) : skewed(rng, 3, 1.5);
  lines.push(
    [
      String(age),
      sex,
      city,
      educations[education],
      maritals[marital],
      occupations[occupation],
      incomes[income],
      ethnicities[ethnicity],
      households[household],
    ].join(';'),
  );
}
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'synthetic.csv'), lines.join('\n') + '\n');
for (const name of names)
  writeFileSync(
    join(outDir, `hierarchy_${name}.csv`),
    hierarchies[name].map((row) => row.join(';')).join('\n') + '\n',
  );
writeFileSync(join(outDir, 'qis.json'), JSON.stringify(names) + '\n');
console.log(`wrote ${rowCount} rows × ${names.length} QIs to ${outDir} (seed ${seed})`);
