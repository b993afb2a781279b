// Detection quality on the adversarial sets (issue 14): span recall and precision on free-text notes,
// column-level precision and recall on the hard column set, for the tuning set and the held-out ones.
// Then ordinary strings: how often a span is found where there is none.
// Run: node --import tsx scripts/bench/detect-quality.ts [notes] [rows per column]
import { generateFreeText } from '../../fixtures/generators/adversarial/free-text.js';
import { generateHardColumns } from '../../fixtures/generators/adversarial/hard-columns.js';
import { scoreColumns, scoreSpans } from '../../fixtures/generators/adversarial/measure.js';
import { findIdentifierSpans } from '../../src/core/detect/index.js';
import { createRng } from '../../src/core/rng.js';

const notes = Number(process.argv[2] ?? 2000);
const rows = Number(process.argv[3] ?? 300);
const TODAY = 20261127;
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

for (const [variant, seed, role] of [
  ['tune', 1, 'developed against'],
  ['heldout', 2, 'checked once, then errors fixed'],
  ['heldout', 3, 'final, never looked at before'],
] as const) {
  const spans = scoreSpans(generateFreeText({ seed, variant, rows: notes }), TODAY);
  const columns = scoreColumns(generateHardColumns({ seed, variant, rows }), TODAY);
  process.stdout.write(
    `${variant} seed ${seed} (${role}):\n` +
      `  free text, ${notes} notes: ${spans.labelled} labelled spans, recall ${pct(spans.recall)} (same kind ${pct(spans.coveredSameKind / spans.labelled)}), ` +
      `precision ${pct(spans.precision)} of ${spans.found} found, text kept ${pct(spans.textKept)}; missed ${JSON.stringify(spans.missedByKind)}\n` +
      `  hard columns, ${rows} rows: ${columns.positives} identifier + ${columns.negatives} ordinary columns, precision ${pct(columns.precision)}, recall ${pct(columns.recall)}, right kind ${pct(columns.rightKind / Math.max(1, columns.truePositives))}\n` +
      (columns.missed.length ? `  missed: ${columns.missed.join('; ')}\n` : '') +
      (columns.falseAlarms.length ? `  false alarms: ${columns.falseAlarms.join('; ')}\n` : ''),
  );
}

// Ordinary strings through findIdentifierSpans, 20,000 each: how often a span is found in text that
// holds none (lists of numbers, long numbers, amounts, dates, numeral words, "at" in English).
const rng = createRng(7);
const digitString = (n: number) => Array.from({ length: n }, () => rng.nextInt(10)).join('');
const ordinary: Record<string, () => string> = {
  'order numbers (date + 12 digits)': () =>
    `2024${String(1 + rng.nextInt(12)).padStart(2, '0')}${String(1 + rng.nextInt(28)).padStart(2, '0')}${digitString(12)}`,
  'random 18-digit numbers': () => digitString(18),
  'lists of six numbers joined by commas': () =>
    Array.from({ length: 6 }, () => digitString(1 + rng.nextInt(4))).join(','),
  amounts: () => `¥${rng.nextInt(100)},${digitString(3)},${digitString(3)}.${digitString(2)}`,
  'dates and times': () =>
    `${2000 + rng.nextInt(25)}/${1 + rng.nextInt(12)}/${1 + rng.nextInt(28)} ${rng.nextInt(24)}:${digitString(2)}`,
  'blood pressure and pulse': () =>
    `血压${100 + rng.nextInt(60)}/${60 + rng.nextInt(40)}mmHg，心率${60 + rng.nextInt(40)}次/分`,
  'Chinese numeral words': () =>
    pickOne([
      '一二三四五六七八九十',
      '第一二三四五六七组',
      '二〇二四年三月五日',
      '三三两两',
      '一五一十地说',
    ]),
  'English with "at" and "#"': () =>
    pickOne([
      'meet at home',
      'look at the data.com file',
      'arrived at 3 pm',
      'C#.net',
      'issue #123.com',
    ]),
};
function pickOne(words: readonly string[]): string {
  return words[rng.nextInt(words.length)];
}
for (const [what, make] of Object.entries(ordinary)) {
  let hits = 0;
  const kinds: Record<string, number> = {};
  for (let i = 0; i < 20_000; i++) {
    const spans = findIdentifierSpans(make(), { todayYmd: TODAY });
    if (spans.length > 0) hits++;
    for (const span of spans) kinds[span.kind] = (kinds[span.kind] ?? 0) + 1;
  }
  process.stdout.write(
    `ordinary ${what}: ${pct(hits / 20_000)} hold a span ${JSON.stringify(kinds)}\n`,
  );
}
