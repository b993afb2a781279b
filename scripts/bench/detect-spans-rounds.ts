// Span scanning CPU time in rounds, for before/after comparisons on a loaded machine: the fastest of
// several rounds over the same notes is steadier than one long run while other work shares the cores.
// Run in each tree alternately: flock /work/bench.lock node --expose-gc --import tsx
//   scripts/bench/detect-spans-rounds.ts <tree root> [notes] [rounds]
// (<tree root>: a checkout whose src/ and fixtures/ are measured; its own generator makes the notes.)
import { pathToFileURL } from 'node:url';
import { spanBenchNotes } from './_span-notes.js';
import type * as FreeText from '../../fixtures/generators/adversarial/free-text.js';
import type * as Detect from '../../src/core/detect/index.js';

const root = process.argv[2] ?? process.cwd();
const cells = Number(process.argv[3] ?? 100_000);
const rounds = Number(process.argv[4] ?? 6);
const url = (path: string) => pathToFileURL(`${root}/${path}`).href;
const { generateFreeText } = (await import(
  url('fixtures/generators/adversarial/free-text.ts')
)) as typeof FreeText;
const { findIdentifierSpans } = (await import(url('src/core/detect/index.ts'))) as typeof Detect;

const notes = spanBenchNotes(generateFreeText, cells);
let bytes = 0;
for (const note of notes) bytes += Buffer.byteLength(note, 'utf8');
for (let i = 0; i < 20_000; i++) findIdentifierSpans(notes[i % cells]);
const cpuMs: number[] = [];
let spans = 0;
for (let round = 0; round < rounds; round++) {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.cpuUsage();
  spans = 0;
  for (const note of notes) spans += findIdentifierSpans(note).length;
  const used = process.cpuUsage(before);
  cpuMs.push((used.user + used.system) / 1000);
}
cpuMs.sort((a, b) => a - b);
const fastest = cpuMs[0];
process.stdout.write(
  `${root}: ${cells.toLocaleString('en-US')} notes, ${spans.toLocaleString('en-US')} spans; CPU per round ` +
    `fastest ${fastest.toFixed(0)} ms = ${(bytes / 1e6 / (fastest / 1000)).toFixed(1)} MB/s, ` +
    `median ${cpuMs[rounds >> 1].toFixed(0)} ms\n`,
);
