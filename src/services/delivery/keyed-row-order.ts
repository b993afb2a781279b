// The trade's keyed row order as an SQL expression the engine computes (scheme anonex-keyed-row-order-v2).
import { createHmac } from 'node:crypto';
import { identifier, parameter, sql, type SqlFragment } from '../../core/query/index.js';
import { ROW_NUMBER_COLUMN } from './served-artifact.js';

export const KEYED_ROW_ORDER_SCHEME = 'anonex-keyed-row-order-v2';

/**
 * MD5 of a per-trade salt and the row's ordinal in the artifact: without the trade key the order
 * looks random, the same trade always gets the same order, and the engine sorts by it on its own
 * threads (v1 sorted in JavaScript by an HMAC of each row's content, which needed the whole table
 * in memory). The salt is HMAC-SHA256(tradeKey, scheme), so the key itself never enters SQL.
 */
export function keyedRowOrder(tradeKey: Uint8Array): SqlFragment {
  const salt = createHmac('sha256', tradeKey).update(KEYED_ROW_ORDER_SCHEME).digest('hex');
  return sql`md5(${parameter(salt)} || CAST(${identifier(ROW_NUMBER_COLUMN)} AS VARCHAR))`;
}

/** A name for a computed column that no artifact column has. */
export function unusedColumnName(base: string, taken: readonly { name: string }[]): string {
  const names = new Set(taken.map((column) => column.name));
  let name = base;
  for (let suffix = 1; names.has(name); suffix++) name = `${base}_${suffix}`;
  return name;
}
