// Benchmark: in-value fingerprints (issue 19) on the hospital release — detection rate and false
// accusations per leak attack, the mark's utility cost, and marking / attribution throughput.
// Prints figures; not a test.
// Run: node --import tsx scripts/bench/fingerprint.ts [--rows 10000] [--buyers 20] [--rounds 5]
//        [--slots 320] [--scale 100000,1000000] [--policy shipped|all-quasi]
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { ColumnTable } from 'arquero';
import { buildHospitalRelease } from '../../fixtures/fingerprint/hospital-release.js';
import {
  applyLeakAttacks,
  colludeCopies,
  majorityOfCopies,
  seededAttackCombination,
  type CollusionMode,
  type LeakAttack,
} from '../../fixtures/fingerprint/leak-attacks.js';
import {
  attributeLeak,
  markCopy,
  planFingerprint,
  prepareRelease,
  withheldRowsOf,
  type LeakAttribution,
  type MarkChanges,
} from '../../src/core/fingerprint/index.js';
import { createRng } from '../../src/core/rng.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    buyers: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '5' },
    slots: { type: 'string' },
    scale: { type: 'string', default: '100000' },
    policy: { type: 'string', default: 'shipped' },
  },
});
const policy = values.policy === 'all-quasi' ? 'all-quasi' : 'shipped';
const rows = Number(values.rows);
const buyers = Number(values.buyers);
const rounds = Number(values.rounds);
const keyOf = (label: string): Uint8Array => createHash('sha256').update(label).digest();

function cpuMs<T>(run: () => T): { result: T; wallMs: number; cpuMs: number } {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  return {
    result,
    wallMs: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: (used.user + used.system) / 1000,
  };
}

console.log(
  `fingerprint bench: load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const built = cpuMs(() => prepareRelease(buildHospitalRelease({ rows, seed: 19, policy })));
const prepared = built.result;
const planned = cpuMs(() =>
  planFingerprint(prepared, {
    listingKey: keyOf('listing'),
    ...(values.slots === undefined ? {} : { slots: Number(values.slots) }),
  }),
);
const plan = planned.result;
const releaseRows = prepared.encoded.rowCount;
console.log(
  `release: ${releaseRows} rows (of ${rows} generated), ${prepared.encoded.classes.classCount} classes, ` +
    `k ${prepared.privacy.measurement.k}; plan: ${JSON.stringify(plan.summary)}`,
);

const trades = Array.from({ length: buyers }, (_, i) => ({
  tradeId: `trd_${String(i).padStart(3, '0')}`,
  key: keyOf(`buyer ${i}`),
}));
const marked = trades.map((trade) => markCopy(prepared, plan, trade.key));
const copies: ColumnTable[] = marked.map((m) => m.copy);

// ---- Utility cost ------------------------------------------------------------------------------
function spread(pick: (c: MarkChanges) => number): string {
  const xs = marked.map((m) => pick(m.changes));
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return `mean ${mean.toFixed(4)}, max ${Math.max(...xs).toFixed(4)}`;
}
const first = marked[0].changes;
console.log('\nutility cost per copy (over the buyers):');
console.log(
  `  rows withheld ${first.rowsWithheld} = ${(100 * first.withheldShare).toFixed(2)} % of the release`,
);
console.log(`  classes touched: ${spread((c) => c.classesTouched)} of ${first.before.classes}`);
console.log(`  largest share of one class withheld: ${spread((c) => c.largestClassShareWithheld)}`);
first.sensitiveDistance.forEach((d, i) => {
  console.log(
    `  ${d.column}: total variation table-wide ${spread((c) => c.sensitiveDistance[i].table)}; worst class ${spread((c) => c.sensitiveDistance[i].worstClass)}`,
  );
});
const before = first.before;
console.log(
  `  unchanged in every copy: classes ${marked.every((m) => m.changes.after.classes === before.classes)}, ` +
    `k ${marked.every((m) => m.changes.after.k === before.k)}, ` +
    `R_b ${marked.every((m) => m.changes.after.highestRisk === before.highestRisk)}, ` +
    `level ${marked.every((m) => m.changes.after.level === before.level)}, ` +
    `distinct l ${marked.every((m) => m.changes.after.sensitive.every((s, i) => s.lDistinct === before.sensitive[i].lDistinct))}`,
);
console.log(
  `  R_c ${before.averageRisk.toFixed(5)} -> ${spread((c) => c.after.averageRisk)}; ` +
    before.sensitive
      .map(
        (s, i) =>
          `${s.column}: entropy l ${s.lEntropy.toFixed(3)} -> ${spread((c) => c.after.sensitive[i].lEntropy)}, ` +
          `t ${s.t.toFixed(4)} -> ${spread((c) => c.after.sensitive[i].t)}, ` +
          `δ ${s.deltaDisclosure.toFixed(3)} -> ${spread((c) => c.after.sensitive[i].deltaDisclosure)}`,
      )
      .join('; '),
);

// ---- Detection per attack ----------------------------------------------------------------------
interface Tally {
  cases: number;
  right: number;
  inconclusive: number;
  wrongFirst: number;
  innocentAccused: number;
  bothColluders: number;
  trueLog10: number[];
  maxInnocentLog10: number;
  ms: number;
}
const tallies = new Map<string, Tally>();
function record(
  group: string,
  guilty: readonly string[],
  attribution: LeakAttribution,
  ms: number,
): void {
  const t = tallies.get(group) ?? {
    cases: 0,
    right: 0,
    inconclusive: 0,
    wrongFirst: 0,
    innocentAccused: 0,
    bothColluders: 0,
    trueLog10: [],
    maxInnocentLog10: -Infinity,
    ms: 0,
  };
  tallies.set(group, t);
  t.cases++;
  t.ms += ms;
  if (attribution.verdict === 'attributed' && guilty.includes(attribution.ranking[0].tradeId))
    t.right++;
  else if (attribution.verdict === 'inconclusive') t.inconclusive++;
  else t.wrongFirst++;
  if (attribution.accused.some((id) => !guilty.includes(id))) t.innocentAccused++;
  if (guilty.length > 1 && guilty.every((id) => attribution.accused.includes(id)))
    t.bothColluders++;
  for (const r of attribution.ranking) {
    if (guilty.includes(r.tradeId)) t.trueLog10.push(r.log10FalseAccusation);
    else t.maxInnocentLog10 = Math.max(t.maxInnocentLog10, r.log10FalseAccusation);
  }
}
function attribute(group: string, guilty: readonly string[], leaked: ColumnTable): void {
  const { result, cpuMs: ms } = cpuMs(() => attributeLeak(leaked, prepared, plan, trades));
  record(group, guilty, result, ms);
}
const half = Math.ceil(prepared.encoded.columnNames.length / 2);
const singles: [string, LeakAttack[]][] = [
  ['unchanged', []],
  ['re-sorted (shuffled)', [{ kind: 'resort', by: 'shuffle' }]],
  ['re-sorted (by columns)', [{ kind: 'resort', by: 'column' }]],
  ['columns renamed', [{ kind: 'rename_columns' }]],
  ['a random half of the columns', [{ kind: 'drop_columns', keep: half }]],
  ['a random 20 % of rows kept', [{ kind: 'keep_rows', share: 0.2 }]],
  ['20 % of rows deleted', [{ kind: 'delete_rows', share: 0.2 }]],
  ['the rarest 20 % of rows deleted', [{ kind: 'delete_rows', share: 0.2, targeted: true }]],
  ['20 % rows added (duplicates)', [{ kind: 'add_rows', share: 0.2, source: 'duplicates' }]],
  ['20 % rows added (synthetic)', [{ kind: 'add_rows', share: 0.2, source: 'synthetic' }]],
  ['CSV', [{ kind: 'reencode', format: 'csv' }]],
  [
    'CSV ; / TSV / GB18030',
    [
      { kind: 'reencode', format: 'csv-semicolon' },
      { kind: 'reencode', format: 'tsv' },
      { kind: 'reencode', format: 'csv-gb18030' },
    ],
  ],
  ['JSON Lines', [{ kind: 'reencode', format: 'jsonl' }]],
  ['Arrow', [{ kind: 'reencode', format: 'arrow' }]],
  [
    'typed Arrow, numerics rounded',
    [{ kind: 'round_numerics' }, { kind: 'reencode', format: 'arrow-typed' }],
  ],
  [
    'half the columns + 20 % kept',
    [
      { kind: 'drop_columns', keep: half },
      { kind: 'keep_rows', share: 0.2 },
    ],
  ],
  [
    'half the columns + 20 % deleted',
    [
      { kind: 'drop_columns', keep: half },
      { kind: 'delete_rows', share: 0.2 },
    ],
  ],
  [
    'half the columns + 20 % added',
    [
      { kind: 'drop_columns', keep: half },
      { kind: 'add_rows', share: 0.2, source: 'duplicates' },
    ],
  ],
  [
    '20 % kept + 20 % synthetic added',
    [
      { kind: 'keep_rows', share: 0.2 },
      { kind: 'add_rows', share: 0.2, source: 'synthetic' },
    ],
  ],
  [
    '20 % kept, re-sorted, JSON Lines',
    [
      { kind: 'keep_rows', share: 0.2 },
      { kind: 'resort', by: 'column' },
      { kind: 'reencode', format: 'jsonl' },
    ],
  ],
];
const detection = cpuMs(() => {
  for (let round = 0; round < rounds; round++)
    for (let buyer = 0; buyer < buyers; buyer++) {
      const guilty = [trades[buyer].tradeId];
      for (const [group, attacks] of singles) {
        const rng = createRng(100_000 * round + 1_000 * buyer + group.length);
        attribute(group, guilty, applyLeakAttacks(copies[buyer], attacks, rng));
      }
      const rng = createRng(7_000_000 + 1_000 * round + buyer);
      attribute(
        'seeded combinations (all columns)',
        guilty,
        applyLeakAttacks(copies[buyer], seededAttackCombination(rng), rng),
      );
      const withDrop = [
        { kind: 'drop_columns', keep: half } as LeakAttack,
        ...seededAttackCombination(rng),
      ];
      attribute(
        'seeded combinations with half the columns',
        guilty,
        applyLeakAttacks(copies[buyer], withDrop, rng),
      );
    }
  // Every half of the columns, every buyer.
  const names = prepared.encoded.columnNames;
  for (let mask = 0; mask < 1 << names.length; mask++) {
    const kept = names.filter((_, i) => (mask & (1 << i)) !== 0);
    if (kept.length !== half) continue;
    for (let buyer = 0; buyer < buyers; buyer++)
      attribute(
        'every half of the columns',
        [trades[buyer].tradeId],
        copies[buyer].select(kept).reify(),
      );
  }
  const modes: CollusionMode[] = ['interleave', 'union', 'intersection', 'concatenate'];
  for (let round = 0; round < rounds; round++)
    for (let pair = 0; pair + 1 < buyers; pair += 2) {
      const guilty = [trades[pair].tradeId, trades[pair + 1].tradeId];
      for (const mode of modes) {
        const rng = createRng(9_000_000 + 1_000 * round + pair);
        const mixed = colludeCopies(copies[pair], copies[pair + 1], mode, rng);
        attribute(`two colluders: ${mode}`, guilty, mixed);
        if (mode === 'interleave')
          attribute(
            'two colluders: interleave + 20 % kept',
            guilty,
            applyLeakAttacks(mixed, [{ kind: 'keep_rows', share: 0.2 }], rng),
          );
        if (mode === 'union')
          attribute(
            'two colluders: union + half the columns',
            guilty,
            applyLeakAttacks(mixed, [{ kind: 'drop_columns', keep: half }], rng),
          );
      }
    }
  for (let round = 0; round < rounds; round++)
    for (let triple = 0; triple + 2 < buyers; triple += 3) {
      const guilty = [0, 1, 2].map((i) => trades[triple + i].tradeId);
      attribute(
        'three colluders: majority',
        guilty,
        majorityOfCopies([0, 1, 2].map((i) => copies[triple + i])),
      );
    }
});

const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
console.log(
  `\ndetection (${buyers} buyers x ${rounds} rounds; threshold: false-accusation probability ≤ 1e-6, union over ${buyers} trades):`,
);
console.log(
  '| attack | cases | right trade first, accused | inconclusive | wrong first | innocent accused | true trade log10 FAP median / 99th pct worst | max innocent log10 FAP | ms/leak |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
let allCases = 0;
let allInnocent = 0;
for (const [group, t] of tallies) {
  allCases += t.cases;
  allInnocent += t.innocentAccused;
  const colluders = group.includes('colluders')
    ? ` (all colluders named: ${((100 * t.bothColluders) / t.cases).toFixed(0)} %)`
    : '';
  console.log(
    `| ${group} | ${t.cases} | ${((100 * t.right) / t.cases).toFixed(1)} %${colluders} | ${((100 * t.inconclusive) / t.cases).toFixed(1)} % | ${t.wrongFirst} | ${t.innocentAccused} | ` +
      `${quantile(t.trueLog10, 0.5).toFixed(1)} / ${quantile(t.trueLog10, 0.99).toFixed(1)} | ${t.maxInnocentLog10.toFixed(2)} | ${(t.ms / t.cases).toFixed(1)} |`,
  );
}
console.log(
  `all: ${allCases} leaks, ${allInnocent} with an innocent trade accused; detection cpu ${(detection.cpuMs / 1000).toFixed(1)} s`,
);

// ---- Throughput ---------------------------------------------------------------------------------
function throughput(label: string, ready: typeof prepared, planMs: number): void {
  const target = ready.encoded.rowCount;
  const localPlan =
    label === 'this release' ? plan : planFingerprint(ready, { listingKey: keyOf('listing') });
  const withheld = cpuMs(() => {
    for (let i = 0; i < 1_000; i++) withheldRowsOf(localPlan, trades[i % buyers].key);
  });
  const marking = cpuMs(() => markCopy(ready, localPlan, trades[0].key));
  const leak = marking.result.copy;
  attributeLeak(leak, ready, localPlan, trades); // warm-up
  const attributing = cpuMs(() => attributeLeak(leak, ready, localPlan, trades));
  const rate = (ms: number): string => `${((target / ms) * 1000).toFixed(0)} rows/s`;
  console.log(
    `| ${label} | ${target} | ${localPlan.summary.slots} (${localPlan.summary.rareSlots} rare) | ${planMs.toFixed(0)} ms | ${((withheld.cpuMs / 1_000) * 1000).toFixed(0)} µs | ` +
      `${marking.cpuMs.toFixed(0)} ms (${rate(marking.cpuMs)}) | ${attributing.cpuMs.toFixed(0)} ms (${rate(attributing.cpuMs)}) |`,
  );
}
console.log(
  `\nthroughput (CPU time, ${buyers} candidate trades; load ${loadavg()[0].toFixed(2)}):`,
);
console.log(
  '| release | rows | slots | prepare + plan | withheldRowsOf per trade | markCopy (with privacy re-measure) | attributeLeak (whole copy) |',
);
console.log('|---|---|---|---|---|---|---|');
throughput('this release', prepared, built.cpuMs + planned.cpuMs);
const larger: { size: number; ready: typeof prepared }[] = [];
for (const size of values.scale.split(',').filter(Boolean).map(Number)) {
  const generated = cpuMs(() => buildHospitalRelease({ rows: size, seed: 19, policy }));
  const ready = cpuMs(() => prepareRelease(generated.result));
  const timedPlan = cpuMs(() => planFingerprint(ready.result, { listingKey: keyOf('listing') }));
  throughput(`hospital ${size}`, ready.result, ready.cpuMs + timedPlan.cpuMs);
  larger.push({ size, ready: ready.result });
}

// ---- Detection on larger releases: what a release whose rows repeat leaves to a sampled leak ----
const LARGE_ATTACKS: [string, LeakAttack[]][] = [
  ['unchanged', []],
  ['a random half of the columns', [{ kind: 'drop_columns', keep: half }]],
  ['a random 20 % of rows kept', [{ kind: 'keep_rows', share: 0.2 }]],
  ['20 % of rows deleted', [{ kind: 'delete_rows', share: 0.2 }]],
  ['20 % rows added (duplicates)', [{ kind: 'add_rows', share: 0.2, source: 'duplicates' }]],
];
if (larger.length > 0) {
  console.log('\ndetection on larger releases (4 buyers x 2 rounds; accused at FAP ≤ 1e-6):');
  console.log(
    '| release | attack | right trade accused | innocent accused | true trade log10 FAP median |',
  );
  console.log('|---|---|---|---|---|');
}
for (const { size, ready } of larger) {
  const localPlan = planFingerprint(ready, { listingKey: keyOf('listing') });
  const localMarked = trades.slice(0, 4).map((trade) => markCopy(ready, localPlan, trade.key));
  const localCopies = localMarked.map((m) => m.copy);
  const cost = localMarked[0].changes;
  console.log(
    `| hospital ${size}: utility cost of one copy | ${(100 * cost.withheldShare).toFixed(2)} % of rows withheld, at most ${(100 * cost.largestClassShareWithheld).toFixed(1)} % of a class; ` +
      cost.sensitiveDistance
        .map((d) => `${d.column} TV ${d.table.toFixed(4)} (worst class ${d.worstClass.toFixed(4)})`)
        .join(', ') +
      ' | | | |',
  );
  const rowsOf = (group: string, leaks: { guilty: string[]; leaked: ColumnTable }[]): void => {
    let right = 0;
    let innocent = 0;
    const log10: number[] = [];
    for (const { guilty, leaked } of leaks) {
      const result = attributeLeak(leaked, ready, localPlan, trades);
      if (result.verdict === 'attributed' && guilty.includes(result.ranking[0].tradeId)) right++;
      if (result.accused.some((id) => !guilty.includes(id))) innocent++;
      log10.push(
        ...result.ranking
          .filter((r) => guilty.includes(r.tradeId))
          .map((r) => r.log10FalseAccusation),
      );
    }
    console.log(
      `| hospital ${size} (${localPlan.summary.rareSlots} rare slots) | ${group} | ${right} / ${leaks.length} | ${innocent} | ${quantile(log10, 0.5).toFixed(1)} |`,
    );
  };
  for (const [group, attacks] of LARGE_ATTACKS)
    rowsOf(
      group,
      [0, 1].flatMap((round) =>
        localCopies.map((copy, buyer) => ({
          guilty: [trades[buyer].tradeId],
          leaked: applyLeakAttacks(copy, attacks, createRng(31 * round + buyer)),
        })),
      ),
    );
  rowsOf('two colluders: union', [
    {
      guilty: [trades[0].tradeId, trades[1].tradeId],
      leaked: colludeCopies(localCopies[0], localCopies[1], 'union', createRng(1)),
    },
    {
      guilty: [trades[2].tradeId, trades[3].tradeId],
      leaked: colludeCopies(localCopies[2], localCopies[3], 'union', createRng(2)),
    },
  ]);
}
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
