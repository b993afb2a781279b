// Benchmark: span scanning throughput (findIdentifierSpans) on 1M free-text cells of 80–300 characters
// (issue 14 target: ≥ 50 MB/s of text). The cells are the adversarial notes generator's (heldout variant,
// 20 % of cells carrying identifiers); 200k distinct cells are scanned five times.
// Run: flock /work/bench.lock node --expose-gc --import tsx scripts/bench/detect-spans.ts [cells]
import { generateFreeText } from '../../fixtures/generators/adversarial/free-text.js';
import { findIdentifierSpans } from '../../src/core/detect/index.js';
import { spanBenchNotes } from './_span-notes.js';
import { machineLoad, peakRssMiB, time } from './_large-fixture.js';

const cells = Number(process.argv[2] ?? 1_000_000);
const distinct = Math.min(cells, 200_000);
const rounds = Math.ceil(cells / distinct);
const notes = spanBenchNotes(generateFreeText, distinct);
let bytes = 0;
let characters = 0;
for (const note of notes) {
  bytes += Buffer.byteLength(note, 'utf8');
  characters += note.length;
}
process.stdout.write(`${machineLoad()}\n`);
process.stdout.write(
  `${(distinct * rounds).toLocaleString('en-US')} cells (${distinct.toLocaleString('en-US')} distinct × ${rounds}), ` +
    `mean ${(characters / distinct).toFixed(0)} characters, ${((bytes * rounds) / 1e6).toFixed(0)} MB of UTF-8 text\n`,
);
for (let i = 0; i < 20_000; i++) findIdentifierSpans(notes[i % distinct]);
(globalThis as { gc?: () => void }).gc?.();
let spans = 0;
const { ms, cpuMs } = time(() => {
  for (let round = 0; round < rounds; round++)
    for (let i = 0; i < distinct; i++) spans += findIdentifierSpans(notes[i]).length;
});
const megabytes = (bytes * rounds) / 1e6;
process.stdout.write(
  `findIdentifierSpans: ${(ms / 1000).toFixed(2)} s wall = ${(megabytes / (ms / 1000)).toFixed(1)} MB/s, ` +
    `${(cpuMs / 1000).toFixed(2)} s CPU = ${(megabytes / (cpuMs / 1000)).toFixed(1)} MB/s; ` +
    `${Math.round((distinct * rounds) / (ms / 1000)).toLocaleString('en-US')} cells/s; ${spans.toLocaleString('en-US')} spans; peak RSS ${peakRssMiB().toFixed(0)} MiB\n`,
);
