// The notes the span-scanning benchmarks read: the held-out adversarial generator, 20 % carrying identifiers.
import type { generateFreeText } from '../../fixtures/generators/adversarial/free-text.js';

/** `rows` notes' texts from `generate` (a tree's own generator: the rounds script loads another tree's). */
export function spanBenchNotes(generate: typeof generateFreeText, rows: number): string[] {
  return generate({ seed: 11, variant: 'heldout', rows, identifierShare: 0.2 }).map(
    (note) => note.text,
  );
}
