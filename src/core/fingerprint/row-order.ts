// A keyed, per-trade permutation of rows: the order of a delivered copy is the buyer's fingerprint.
import { createHash, createHmac } from 'node:crypto';

export const FINGERPRINT_SCHEME = 'anonex-keyed-row-order-v1';

/**
 * The sort key of one row under a trade's fingerprint key: the first 48 bits of
 * HMAC-SHA256(key, content). Without the key the order looks uniformly random; with it, anyone
 * can check whether a copy's order came from this trade.
 */
export function rowSortKey(key: Uint8Array, content: string): number {
  return createHmac('sha256', key).update(content).digest().readUIntBE(0, 6);
}

/**
 * Sort keys of every row. An HMAC costs ~18 µs here, so each distinct content is hashed once:
 * anonymized artifacts repeat rows (every quasi-identifier combination at least k times), and
 * equal contents have equal keys anyway.
 */
export function sortKeysOf(contents: readonly string[], key: Uint8Array): Float64Array {
  const sortKeys = new Float64Array(contents.length);
  const seen = new Map<string, number>();
  for (let row = 0; row < contents.length; row++) {
    const content = contents[row];
    let sortKey = seen.get(content);
    if (sortKey === undefined) {
      sortKey = rowSortKey(key, content);
      seen.set(content, sortKey);
    }
    sortKeys[row] = sortKey;
  }
  return sortKeys;
}

/**
 * The delivered order: position i of the copy holds source row `order[i]`. Rows are sorted by
 * their keyed sort key; identical rows (equal content, hence equal key) keep their source order.
 */
export function fingerprintRowOrder(contents: readonly string[], key: Uint8Array): Uint32Array {
  const sortKeys = sortKeysOf(contents, key);
  const order = new Uint32Array(contents.length);
  for (let row = 0; row < order.length; row++) order[row] = row;
  return order.sort((a, b) => sortKeys[a] - sortKeys[b] || a - b);
}

/**
 * A short watermark tying a copy to its trade, sent with every delivery (download header, query answer)
 * and recorded in the trade's ledger entry: HMAC-SHA256(key, "watermark:" + tradeId), 16 hex.
 */
export function fingerprintWatermark(key: Uint8Array, tradeId: string): string {
  return createHmac('sha256', key).update(`watermark:${tradeId}`).digest('hex').slice(0, 16);
}

/** SHA-256 of the key: what the public ledger records, so the key can be shown later to match. */
export function fingerprintKeyCommitment(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex');
}
