// Which released text columns are integers, decimals or dates: one rule for Parquet artifacts and legacy ones.

/**
 * Patterns of the canonical forms a column must use throughout to be typed (RE2 and JavaScript
 * alike, matched against the whole cell). Only canonical text is typed, so typing loses nothing:
 * `007` (a code with a leading zero), `+5`, `1e3` or `12.` stay text, and a decimal keeps its
 * written scale (`300.00` is DECIMAL with scale 2 and prints as `300.00` again).
 */
export const CANONICAL_INTEGER = '-?(0|[1-9][0-9]{0,17})';
export const CANONICAL_DECIMAL = '-?(0|[1-9][0-9]{0,17})\\.[0-9]{1,18}';
export const ISO_DATE = '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';

/** Largest total digits of a typed decimal: DuckDB and Parquet store DECIMAL(18, s) in 64 bits. */
export const MAX_DECIMAL_PRECISION = 18;

export type TypedColumn =
  | { readonly kind: 'integer' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'date' }
  | { readonly kind: 'text' };

/** What a scan of a column found: every non-empty cell's form, digits before and after the point. */
export interface ColumnScan {
  readonly nonEmpty: number;
  readonly allInteger: boolean;
  readonly allDecimalOrInteger: boolean;
  readonly allDate: boolean;
  readonly maxIntegerDigits: number;
  readonly maxScale: number;
}

/** The type a scanned column gets: text unless every non-empty cell has one canonical form. */
export function typeOfScan(scan: ColumnScan): TypedColumn {
  if (scan.nonEmpty === 0) return { kind: 'text' };
  if (scan.allInteger) return { kind: 'integer' };
  if (scan.allDecimalOrInteger && scan.maxIntegerDigits + scan.maxScale <= MAX_DECIMAL_PRECISION)
    return { kind: 'decimal', precision: MAX_DECIMAL_PRECISION, scale: scan.maxScale };
  if (scan.allDate) return { kind: 'date' };
  return { kind: 'text' };
}
