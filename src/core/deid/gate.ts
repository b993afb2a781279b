// The Art. 29 irreversibility gate: what makes a listing run refused, each reason naming what and where.
import type { Detector, DetectorKind } from '../detect/detector.js';
import { headerHint } from '../detect/header-context.js';
import { FINDING_MIN_RATE, type ScanResult } from '../detect/detect-columns.js';
import { isReversible, type Policy, type TransformKind } from './policy.js';

/** One reason a run is refused. */
export type GateRefusal =
  | { readonly kind: 'reversible_step'; readonly column: string; readonly step: TransformKind }
  | { readonly kind: 'unnamed_column'; readonly column: string }
  | {
      readonly kind: 'direct_identifier_remains';
      readonly column: string;
      readonly detector: DetectorKind;
      /** Rows whose value the detector recognises. */
      readonly count: number;
    }
  | {
      readonly kind: 'suppression_limit_exceeded';
      readonly suppressed: number;
      readonly allowed: number;
    }
  | {
      readonly kind: 'privacy_requirement';
      readonly model: string;
      readonly attribute: string | null;
      readonly value: number | null;
      readonly threshold: number;
    };

export interface GateVerdict {
  readonly mode: Policy['mode'];
  /** True when nothing was refused (always true in internal mode: nothing is listed). */
  readonly pass: boolean;
  /** `policy`: refused before any transform ran; `output`: refused after inspecting the result. */
  readonly stage: 'policy' | 'output';
  readonly refusals: readonly GateRefusal[];
}

/**
 * Refusals that need no data: reversible steps (encrypt, tokenize, a pseudonym whose key is
 * kept) and input columns the policy does not name (nothing passes by omission).
 * Applies in listing mode only; internal mode is for pseudonymised use inside the provider.
 */
export function checkPolicyGate(policy: Policy, inputColumns: readonly string[]): GateRefusal[] {
  if (policy.mode !== 'listing') return [];
  const refusals: GateRefusal[] = [];
  for (const column of policy.columns)
    for (const step of column.transforms)
      if (isReversible(step))
        refusals.push({ kind: 'reversible_step', column: column.name, step: step.kind });
  const named = new Set(policy.columns.map((c) => c.name));
  for (const column of inputColumns)
    if (!named.has(column)) refusals.push({ kind: 'unnamed_column', column });
  return refusals;
}

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

/** One line per refusal, for the CLI and logs (no data values, only names and counts). */
export function describeRefusal(refusal: GateRefusal): string {
  switch (refusal.kind) {
    case 'reversible_step':
      return `column ${refusal.column}: step ${refusal.step} is reversible (Art. 29: data must not be restorable)`;
    case 'unnamed_column':
      return `column ${refusal.column}: not named by the policy (listing mode refuses what it does not name)`;
    case 'direct_identifier_remains':
      return `column ${refusal.column}: ${refusal.count} value(s) still match the ${refusal.detector} detector`;
    case 'suppression_limit_exceeded':
      return `suppression of ${refusal.suppressed} record(s) needed for k exceeds the limit of ${refusal.allowed}`;
    case 'privacy_requirement':
      return `${refusal.model}${refusal.attribute ? ` on ${refusal.attribute}` : ''}: measured ${refusal.value ?? 'undefined'}, threshold ${refusal.threshold}`;
  }
}
