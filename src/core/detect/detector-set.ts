// Detectors with their shape gates compiled into two lookup tables, as matchMask runs them.
import type { Detector } from './detector.js';
import { headerHint } from './header-context.js';
import { admitsClasses, admitsLength, ANY_CHARACTER } from './value-shape.js';

/**
 * `detectors` (at most 30: bit d of a mask is detectors[d]) and, per value length and per set
 * of character classes, the detectors whose gates admit it: a value's candidates are
 * `byLength[min(length, longest)] & byClasses[classes]`, two loads instead of a test per
 * detector through 13 different objects.
 */
export interface DetectorSet {
  readonly detectors: readonly Detector[];
  /** Detectors admitting each length; the last entry stands for every longer length. */
  readonly byLength: Int32Array;
  readonly longest: number;
  /** Detectors admitting each set of character classes (index < ANY_CHARACTER + 1). */
  readonly byClasses: Int32Array;
  /** Bits of the strong detectors. */
  readonly strong: number;
  /**
   * Bits of the detectors a scan runs: every one but the contextual detectors, which run only in
   * a column whose header names their kind (see forColumn).
   */
  readonly enabled: number;
  /** The bit of each kind's detector (for kinds found as spans inside a value). */
  readonly bitOfKind: ReadonlyMap<string, number>;
}

const compiled = new WeakMap<readonly Detector[], DetectorSet>();

/** The compiled set for `detectors`, built once per array (~1 ms, a 128 KiB table). Requires ≤ 30 detectors. */
export function toDetectorSet(detectors: readonly Detector[]): DetectorSet {
  let set = compiled.get(detectors);
  if (set === undefined) {
    set = compileDetectorSet(detectors);
    compiled.set(detectors, set);
  }
  return set;
}

function compileDetectorSet(detectors: readonly Detector[]): DetectorSet {
  if (detectors.length > 30) throw new RangeError(`at most 30 detectors, got ${detectors.length}`);
  // Past every finite bound, admission by length no longer changes: one entry serves all longer values.
  let longest = 0;
  for (const { shape } of detectors)
    for (const bound of [shape.minLength, shape.maxLength])
      if (Number.isFinite(bound)) longest = Math.max(longest, bound + 1);
  const byLength = new Int32Array(longest + 1);
  const byClasses = new Int32Array(ANY_CHARACTER + 1);
  let strong = 0;
  let enabled = 0;
  detectors.forEach((detector, d) => {
    if (detector.strength !== 'contextual') enabled |= 1 << d;
    for (let length = 0; length <= longest; length++)
      if (admitsLength(detector.shape, length)) byLength[length] |= 1 << d;
    for (let classes = 0; classes <= ANY_CHARACTER; classes++)
      if (admitsClasses(detector.shape, classes)) byClasses[classes] |= 1 << d;
    if (detector.strength === 'strong') strong |= 1 << d;
  });
  const bitOfKind = new Map(detectors.map((detector, d) => [detector.kind as string, 1 << d]));
  return { detectors, byLength, longest, byClasses, strong, enabled, bitOfKind };
}

/**
 * The set a scan of the column `header` runs: the contextual detectors (QQ numbers, record
 * numbers: shapes any code shares) join when the header names their kind (QQ号, 住院号).
 */
export function forColumn(set: DetectorSet, header: string): DetectorSet {
  let enabled = set.enabled;
  set.detectors.forEach((detector, d) => {
    if (detector.strength === 'contextual' && headerHint(header, detector.kind) > 0)
      enabled |= 1 << d;
  });
  return enabled === set.enabled ? set : { ...set, enabled };
}
