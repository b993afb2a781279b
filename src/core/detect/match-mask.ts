// One value against every detector: the bit set of detectors that recognise it.
import { toHalfWidth } from '../table/half-width.js';
import type { Detector } from './detector.js';

/**
 * The detectors (bit d = detectors[d]) that recognise `raw`, normalized first (trimmed, folded
 * to half width); `EMPTY_VALUE` when nothing is left after normalization. Requires at most 30
 * detectors. They are tried in order and the first strong detector that matches claims the
 * value: a valid resident ID is not also counted as a USCC or a card number it happens to
 * checksum as (1 in 31, 1 in 10), and the later detectors are not run for it.
 */
export function matchMask(raw: string, detectors: readonly Detector[]): number {
  const value = toHalfWidth(raw.trim());
  if (value === '') return EMPTY_VALUE;
  let mask = 0;
  for (let d = 0; d < detectors.length; d++)
    if (detectors[d].matches(value)) {
      mask |= 1 << d;
      if (detectors[d].strength === 'strong') break;
    }
  return mask;
}

/** matchMask's answer for a value that is empty after normalization. */
export const EMPTY_VALUE = 1 << 30;

/** Adds `weight` to the count of every detector in `mask` (not EMPTY_VALUE). */
export function addMatches(mask: number, weight: number, matches: Int32Array): void {
  for (let d = 0; d < matches.length; d++) if ((mask & (1 << d)) !== 0) matches[d] += weight;
}
