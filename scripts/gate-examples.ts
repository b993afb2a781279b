// Writes the inputs of docs/gate.md's refused examples (one per rule of the Art. 29 gate) into a
// directory: a CSV and a policy each, from the seeded adversarial cases, and prints the commands.
//   npx tsx scripts/gate-examples.ts /tmp/gate-examples
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASE_POLICY,
  baseRelease,
  buildCase,
  DISGUISES,
  MORE_DISGUISES,
  PRIVACY,
  TEXT_CASES,
  TRANSFORM_CASES,
  type GateCase,
} from '../fixtures/adversarial/gate-cases.js';
import { toColumnTable, writeTable } from '../src/core/table/index.js';

const directory = process.argv[2] ?? 'gate-examples';
mkdirSync(directory, { recursive: true });

const byName = (name: string): GateCase => {
  const found = [...DISGUISES, ...MORE_DISGUISES, ...TEXT_CASES, ...TRANSFORM_CASES].find(
    (c) => c.name === name,
  );
  if (found === undefined) throw new Error(`no case named ${name}`);
  return found;
};

const ordinaryNotes: GateCase = {
  name: 'notes without identifiers declared sensitive',
  columns: (ps) => ({
    备注: ps.map(
      (_, i) => ['复诊，血压平稳，继续服药观察。', '主诉头痛两天，无发热，睡眠差。'][i % 2],
    ),
  }),
  policy: '  备注: { role: sensitive }\n',
  labels: () => [],
  want: { outcome: 'refused', refusalKinds: ['text_like_column'] },
};
const cost: GateCase = {
  name: 'a cost declared insensitive',
  columns: (_, rng) => ({
    cost_yuan: Array.from({ length: 400 }, () => String(10 * (5 + rng.nextInt(60)))),
  }),
  policy: '  cost_yuan: { role: insensitive }\n',
  labels: () => [],
  want: { outcome: 'refused', refusalKinds: ['suppression_limit_exceeded'] },
};

const examples: readonly { file: string; gateCase: GateCase; transform?: (p: string) => string }[] =
  [
    {
      file: 'reversible',
      gateCase: byName('a keyed pseudonym of the ID (unique, but nobody can compute it)'),
      transform: (p) => p.replace('transform: pseudonym', 'transform: tokenize'),
    },
    {
      file: 'unnamed',
      gateCase: byName('an amount to the cent declared sensitive'),
      transform: (p) => p.replace(/^ {2}amount: .*\n/m, ''),
    },
    { file: 'header', gateCase: byName('a column named after a patient (a pivoted export)') },
    { file: 'label-in-cell', gateCase: byName('an ID behind a label (身份证:…)') },
    { file: 'numerals', gateCase: byName('mobiles in Chinese numerals (一三八…)') },
    { file: 'split', gateCase: byName('an ID split over two columns (6 + 12 digits)') },
    { file: 'text-like', gateCase: ordinaryNotes },
    {
      file: 'declared-text',
      gateCase: byName('the visit date declared text and scrubbed (escaping k)'),
    },
    { file: 'near-unique', gateCase: byName('an amount to the cent declared sensitive') },
    { file: 'knowable', gateCase: cost },
    { file: 'scrubbed', gateCase: byName('notes scrubbed') },
  ];

for (const { file, gateCase, transform } of examples) {
  const built = buildCase(gateCase);
  writeFileSync(join(directory, `${file}.csv`), writeTable(built.table, 'csv'));
  writeFileSync(join(directory, `${file}.yaml`), (transform ?? ((p) => p))(built.policy));
}

// A recoverable mask where k holds: 20 patients with 20 visits each.
const base = baseRelease();
const ids = base.patients.slice(0, 20).map((p) => p.id);
const visits = ids.flatMap((id) => Array.from({ length: 20 }, () => id));
writeFileSync(
  join(directory, 'recoverable.csv'),
  writeTable(
    toColumnTable(['id_number', 'drug'], [visits, visits.map((_, i) => base.columns.drug[i])]),
    'csv',
  ),
);
writeFileSync(
  join(directory, 'recoverable.yaml'),
  `name: visits\nversion: 1\nmode: listing\ncolumns:\n  id_number: { role: identifier, transform: { mask: { keep_start: 13, keep_end: 4 } } }\n  drug: { role: sensitive }\n${PRIVACY.replace('0.05', '0')}`,
);

for (const file of [...examples.map((e) => e.file), 'recoverable'])
  console.log(
    `anonex anonymize ${join(directory, `${file}.csv`)} --policy ${join(directory, `${file}.yaml`)} --out ${join(directory, `${file}.out.csv`)}`,
  );
void BASE_POLICY;
