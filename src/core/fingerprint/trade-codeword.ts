// A trade's codeword over a plan's slots and the rows its copy withholds: one keyed bit per slot.
import type { FingerprintPlan } from './slot-plan.js';
import { checkKey, keyedBits } from './keyed-stream.js';

/**
 * The trade's bit per slot: 1 = the copy keeps the slot's first member and withholds the second,
 * 0 = the reverse. Bits come from the trade key and the plan's digest, so they are uniform and
 * independent of every other trade's (the null hypothesis attribution relies on).
 */
export function tradeCodeword(plan: FingerprintPlan, tradeKey: Uint8Array): Uint8Array {
  checkKey(tradeKey, 'tradeKey');
  return keyedBits(tradeKey, `${plan.scheme}/codeword/${plan.digest}`, plan.first.length);
}

/**
 * The release rows the trade's copy leaves out, ascending: exactly one per slot. This is all a
 * server needs to deliver the copy (the release minus these rows, e.g. an anti-join on the row
 * ordinal), computed once per trade in microseconds.
 */
export function withheldRowsOf(plan: FingerprintPlan, tradeKey: Uint8Array): Uint32Array {
  const bits = tradeCodeword(plan, tradeKey);
  const rows = new Uint32Array(bits.length);
  for (let s = 0; s < bits.length; s++) rows[s] = bits[s] === 1 ? plan.second[s] : plan.first[s];
  return rows.sort();
}
