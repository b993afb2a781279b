// The gate over detector findings: a released column whose values a direct-identifier detector recognises.
import type { Detector } from '../../detect/detector.js';
import { headerHint } from '../../detect/header-context.js';
import { FINDING_MIN_RATE, type ScanResult } from '../../detect/detect-columns.js';
import type { GateRefusal } from './refusal.js';

/**
 * Refusals for one output column from a full detector scan. A strong detector (check digit or
 * precise grammar) refuses on a single matching row: one leaked ID number is one person named.
 * A weak one (names, addresses, plates…) refuses from the share at which `detect` lists a finding
 * (5 %), or on any match when the header names the kind, so ordinary words that happen to look
 * like a name do not block a release while a column of names does.
 * `exempt` lists kinds the column may hold by construction (synthetic values).
 */
export function checkOutputColumn(
  column: string,
  detectors: readonly Detector[],
  scan: ScanResult,
  exempt: ReadonlySet<string> = new Set(),
): GateRefusal[] {
  const refusals: GateRefusal[] = [];
  for (let d = 0; d < detectors.length; d++) {
    const count = scan.matches[d];
    const detector = detectors[d];
    if (count === 0 || exempt.has(detector.kind)) continue;
    const refused =
      detector.strength === 'strong' ||
      count / scan.nonEmpty >= FINDING_MIN_RATE ||
      headerHint(column, detector.kind) > 0;
    if (refused)
      refusals.push({ kind: 'direct_identifier_remains', column, detector: detector.kind, count });
  }
  return refusals;
}
