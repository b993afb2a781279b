// The gate over identifiers inside cells: an ID in a sentence, two phones in one cell, an ID behind
// a label, a zero-width space, base64, JSON or scientific notation — what detect's column scan
// counts inside the cells (`ScanResult.contains`, through its normalizer and span finder).
import { SPAN_FINDING_MIN_RATE, type ScanResult } from '../../detect/detect-columns.js';
import type { Detector } from '../../detect/detector.js';
import type { GateRefusal } from './refusal.js';

/**
 * One refusal per detector kind found inside the released cells of a column. Scrubbed free text
 * (`freeText`) must hold none at all, whole or inside. Any other column is judged as detect judges
 * `contains_identifiers`: a kind a check digit or grammar makes certain inside any cell, a pattern
 * kind (names, addresses…) inside at least SPAN_FINDING_MIN_RATE of the cells; whole-cell
 * matches are the findings rule's (identifier-findings.ts). `exempt` lists kinds the column holds
 * by construction (synthetic values drawn independently of the input).
 */
export function checkIdentifiersInCells(
  column: string,
  detectors: readonly Detector[],
  scan: ScanResult,
  freeText: boolean,
  exempt: ReadonlySet<string> = new Set(),
): GateRefusal[] {
  const refusals: GateRefusal[] = [];
  if (scan.contains === undefined || scan.nonEmpty === 0) return refusals;
  detectors.forEach((detector, d) => {
    if (exempt.has(detector.kind)) return;
    const inside = scan.contains![d] - scan.matches[d];
    const refused = freeText
      ? scan.contains![d] > 0
      : inside > 0 &&
        (detector.strength === 'strong' || inside / scan.nonEmpty >= SPAN_FINDING_MIN_RATE);
    if (refused)
      refusals.push({
        kind: 'identifier_in_cells',
        column,
        identifierKind: detector.kind,
        cells: freeText ? scan.contains![d] : inside,
      });
  });
  return refusals;
}
