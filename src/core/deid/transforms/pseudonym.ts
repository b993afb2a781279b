// Keyed pseudonyms: HMAC-SHA256 under a per-run key (RFC 2104), truncated hex.
import { createHmac } from 'node:crypto';

/**
 * The pseudonym of `value` under `key`: the first `lengthHex` hex digits of HMAC-SHA256(key, value).
 * Equal values map to equal pseudonyms within a run (joins still work); without the key nobody
 * can recompute or invert them, and a new key per run makes runs unlinkable. Empty stays empty.
 * Requires key.length >= 32 (the hash's block security) and 8 <= lengthHex <= 64.
 */
export function pseudonymizeValue(value: string, key: Uint8Array, lengthHex: number): string {
  if (value === '') return '';
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, lengthHex);
}
