// Infers a column's value type from its distinct raw strings, for the detect listing.

export type ColumnType =
  'empty' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'string';

const INTEGER = /^[+-]?(0|[1-9]\d*)$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/;
const DATETIME =
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const LEADING_ZERO = /^[+-]?0\d/;
const BOOLEAN = /^(true|false)$/i;

/**
 * The narrowest type every non-empty distinct value fits, in the order integer ⊂ number, boolean,
 * date, datetime, else string. Integers with leading zeros (`0371`) are codes, hence strings.
 */
export function inferColumnType(distinct: readonly string[]): ColumnType {
  let integer = true;
  let number = true;
  let boolean = true;
  let date = true;
  let datetime = true;
  let seen = false;
  for (const raw of distinct) {
    if (raw === '') continue;
    seen = true;
    if (LEADING_ZERO.test(raw)) return 'string';
    if (integer && !INTEGER.test(raw)) integer = false;
    if (number && !NUMBER.test(raw)) number = false;
    if (boolean && !BOOLEAN.test(raw)) boolean = false;
    if (date && !DATE.test(raw)) date = false;
    if (datetime && !DATETIME.test(raw)) datetime = false;
    if (!integer && !number && !boolean && !date && !datetime) return 'string';
  }
  if (!seen) return 'empty';
  if (integer) return 'integer';
  if (number) return 'number';
  if (boolean) return 'boolean';
  if (date) return 'date';
  return datetime ? 'datetime' : 'string';
}
