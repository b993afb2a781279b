// The trade's keyed row order (anonex-keyed-row-order-v1) as an SQL expression the engine computes.
import { identifier, joinSql, parameter, sql, type SqlFragment } from '../../core/query/index.js';

const HMAC_BLOCK_BYTES = 64;

/**
 * The v1 sort key of every row (core/fingerprint/row-order.ts: the first 48 bits of
 * HMAC-SHA256(tradeKey, rowContent)) as hex text, computed by the engine so that no row passes
 * through JavaScript: HMAC(k, m) = SHA-256((k ⊕ opad) ‖ SHA-256((k ⊕ ipad) ‖ m)) (RFC 2104), the
 * padded keys bound as parameters, the content built as rowContents builds it — the values' text
 * (null as empty) of `columns` in name order, as a JSON array. Attribution of a leaked copy
 * (attributeLeakedCopy) recomputes the same keys in JavaScript. Requires `columns` to be exposed by
 * the relation under their names, with non-numeric values as text (copyRelation does both).
 */
export function keyedRowOrder(tradeKey: Uint8Array, columns: readonly string[]): SqlFragment {
  const block = Buffer.alloc(HMAC_BLOCK_BYTES);
  // Keys longer than a block are hashed first (RFC 2104); trade keys are 32 bytes.
  if (tradeKey.length > HMAC_BLOCK_BYTES) throw new Error('fingerprint keys are at most 64 bytes');
  block.set(tradeKey);
  const inner = Buffer.from(block.map((byte) => byte ^ 0x36)).toString('hex');
  const outer = Buffer.from(block.map((byte) => byte ^ 0x5c)).toString('hex');
  const texts = [...columns]
    .sort()
    .map((name) => sql`coalesce(CAST(${identifier(name)} AS VARCHAR), '')`);
  const content = sql`encode(CAST(to_json([${joinSql(texts, ', ')}]) AS VARCHAR))`;
  return sql`left(sha256(from_hex(${parameter(outer)}) || unhex(sha256(from_hex(${parameter(inner)}) || ${content}))), 12)`;
}

/** A name for a computed column that no artifact column has. */
export function unusedColumnName(base: string, taken: readonly { name: string }[]): string {
  const names = new Set(taken.map((column) => column.name));
  let name = base;
  for (let suffix = 1; names.has(name); suffix++) name = `${base}_${suffix}`;
  return name;
}
