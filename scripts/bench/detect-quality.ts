// Detection quality on the adversarial sets (issue 14): span recall and precision on free-text notes,
// column-level precision and recall on the hard column set, for the tuning set and the held-out ones.
// Run: node --import tsx scripts/bench/detect-quality.ts [notes] [rows per column]
import { generateFreeText } from '../../fixtures/generators/adversarial/free-text.js';
import { generateHardColumns } from '../../fixtures/generators/adversarial/hard-columns.js';
import { scoreColumns, scoreSpans } from '../../fixtures/generators/adversarial/measure.js';

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
