// The trade's keyed row order (anonex-keyed-row-order-v2) as an SQL expression the engine computes.
import { createHmac } from 'node:crypto';
import { identifier, joinSql, parameter, sql, type SqlFragment } from '../../core/query/index.js';
import type { ServedColumn } from './served-artifact.js';

export const KEYED_ROW_ORDER_SCHEME = 'anonex-keyed-row-order-v2';

/** A column the key reads: its type, and whether orderText is known to leave its every value alone. */
export type KeyedColumn = Pick<ServedColumn, 'name' | 'type'> & {
  readonly orderPlain?: boolean;
};

/**
 * The sort key of every row of a copy under a trade: DuckDB's 64-bit `hash` of the row's values
 * (columns in name order; numbers as DOUBLE, so `300.00`, `300.0` and `300` agree; everything else
 * as text) and a per-trade salt, HMAC-SHA256(tradeKey, scheme) — the key itself never enters SQL.
 * Without the salt the order looks random, the same trade always gets the same order, and equal
 * rows get equal keys (ties keep the artifact's order). A column marked `orderPlain` (no value
 * orderText would change: served-artifact.ts) skips orderText: the same keys for less work.
 *
 * Why not v1's HMAC of each row (core/fingerprint/row-order.ts): computed in SQL it cost ≈ 14 µs a
 * row on this machine, a minute for 5M rows, and in JavaScript it needed every row in memory. The
 * hash is not a PRF, but the row order is the weak mark (re-sorting erases it whatever the hash);
 * the in-value fingerprint (docs/fingerprinting.md) is the one meant to survive. Attribution
 * recomputes the keys of a leaked copy with the same expression (leaked-copy-order.ts).
 */
export function keyedRowOrder<Column extends KeyedColumn>(
  tradeKey: Uint8Array,
  columns: readonly Column[],
  valueOf: (column: Column) => SqlFragment = (column) =>
    column.type === 'number'
      ? sql`CAST(${identifier(column.name)} AS DOUBLE)`
      : column.orderPlain === true
        ? sql`CAST(${identifier(column.name)} AS VARCHAR)`
        : orderText(sql`CAST(${identifier(column.name)} AS VARCHAR)`),
): SqlFragment {
  const salt = createHmac('sha256', tradeKey).update(KEYED_ROW_ORDER_SCHEME).digest('hex');
  const ordered = [...columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const values = ordered.map(valueOf);
  // The salt first, so that it passes through every combining step, and the result hashed again: DuckDB
  // combines argument hashes by multiply-and-XOR, under which a salt hashed last would only XOR a
  // constant into every key and leave two trades' orders correlated.
  return sql`hash(hash(${joinSql([parameter(salt), ...values], ', ')}))`;
}

/**
 * Text as the order key reads it, the same in the artifact and in a leaked CSV copy: empty is null,
 * and the `'` the CSV writer puts before formula-like text (core/table csv-writer) is dropped.
 */
export function orderText(text: SqlFragment): SqlFragment {
  return sql`CASE WHEN ${startsGuarded(text)} THEN substr(${text}, 2) ELSE nullif(${text}, '') END`;
}

/** True where orderText changes `text`: a column where it is never true is keyed as it is. */
export function changedByOrderText(text: SqlFragment): SqlFragment {
  return sql`(${text} = '' OR (${startsGuarded(text)}))`;
}

// starts_with and a set of characters, not a regular expression: a third of the key's cost (measured).
function startsGuarded(text: SqlFragment): SqlFragment {
  return sql`starts_with(${text}, '''') AND list_contains(['=', '+', '-', '@', chr(9), chr(13)], substr(${text}, 2, 1))`;
}
