// Profiles an upload through the real engine: core/table reads it, core/detect judges every column,
// and a few masked examples let the provider recognise each column without its values leaving the store.
import { detectColumns, toChinaYmd, type ColumnDetection } from '../../core/detect/index.js';
import type { LoadedTable } from '../../core/table/index.js';
import { maskExample, type ColumnProfile, type DatasetProfile } from './anonymization-engine.js';

/** Distinct example values looked for per column, among the first rows only. */
export const EXAMPLES_PER_COLUMN = 3;
export const EXAMPLE_SCAN_ROWS = 1000;

/**
 * The per-column profile of the upload `loaded` with detector findings, synchronously (the engine
 * calls it in a worker thread, see engine-thread.ts); `nowMs` is the profile's "now" (birth
 * dates not in the future).
 */
export function profileTable(loaded: LoadedTable, nowMs: number): DatasetProfile {
  const detection = detectColumns(loaded.table, { todayYmd: toChinaYmd(nowMs) });
  const columns = detection.columns.map((column) =>
    toColumnProfile(column, examplesOf(loaded, column.name)),
  );
  return { rows: detection.rows, encoding: loaded.encoding, columns };
}

/** What the provider sees of one column's detection, with its examples masked. */
export function toColumnProfile(
  column: ColumnDetection,
  examples: readonly string[],
): ColumnProfile {
  return {
    name: column.name,
    type: column.type,
    nulls: column.nulls,
    distinct: column.distinct,
    findings: column.findings.map((finding) => ({
      kind: finding.kind,
      match_rate: finding.match_rate,
      confidence: finding.confidence,
    })),
    direct_identifier: column.direct_identifier,
    examples: examples.map((value) => maskExample(value, column.direct_identifier)),
  };
}

function examplesOf(loaded: LoadedTable, column: string): string[] {
  const values = loaded.table.array(column) as ArrayLike<unknown>;
  const seen = new Set<string>();
  const end = Math.min(values.length, EXAMPLE_SCAN_ROWS);
  for (let row = 0; row < end && seen.size < EXAMPLES_PER_COLUMN; row++) {
    const value = values[row];
    if (value === null || value === undefined) continue;
    const text = String(value).trim();
    if (text.length > 0) seen.add(text);
  }
  return [...seen];
}
