// Record suppression: rows whose quasi-identifier class is smaller than k are withheld.
import { computeEquivalenceClasses } from '../privacy/index.js';
import type { DictionaryColumn } from '../table/dictionary-column.js';

/**
 * Marks the rows in quasi-identifier classes of fewer than `k` records (classes over raw strings
 * of the released values). Returns the mask (`1` = suppressed) and how many rows it holds.
 * Requires at least one quasi-identifier column, all of one length.
 */
export function suppressSmallClasses(
  quasiIdentifiers: readonly DictionaryColumn[],
  k: number,
): { suppressed: Uint8Array; count: number } {
  const classes = computeEquivalenceClasses(quasiIdentifiers);
  const rows = classes.classOfRecord.length;
  const suppressed = new Uint8Array(rows);
  let count = 0;
  const sizes = classes.classSizes;
  const classOf = classes.classOfRecord;
  for (let row = 0; row < rows; row++)
    if (sizes[classOf[row]] < k) {
      suppressed[row] = 1;
      count++;
    }
  return { suppressed, count };
}
