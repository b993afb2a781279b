// Privacy requirements from a policy checked against a measurement: one verdict per model, with its
// threshold and measured value, as the report lists them for the reviewer.
import type { PrivacyMeasurement } from './measure-privacy.js';
import { PrivacyError } from './privacy-error.js';

export type LDiversityModel = 'distinct' | 'entropy' | 'recursive';

export interface PrivacyRequirements {
  readonly k?: number;
  readonly l?: readonly { attribute: string; model: LDiversityModel; l: number; c?: number }[];
  readonly t?: readonly { attribute: string; t: number }[];
  readonly delta?: readonly { attribute: string; delta: number }[];
  /** Highest prosecutor risk allowed (≤). */
  readonly maxProsecutorRisk?: number;
  /** Share of records at risk allowed (≤). */
  readonly maxRecordsAtRisk?: number;
}

export type ModelName =
  | 'k-anonymity'
  | 'distinct-l-diversity'
  | 'entropy-l-diversity'
  | 'recursive-cl-diversity'
  | 't-closeness'
  | 'delta-disclosure'
  | 'prosecutor-risk'
  | 'records-at-risk'
  | 'gbt42460';

/** One model's verdict: `value` is what was measured (null when undefined, e.g. no c satisfies). */
export interface ModelCheck {
  readonly model: ModelName;
  readonly attribute: string | null;
  readonly threshold: number;
  readonly value: number | null;
  readonly pass: boolean;
  /** How value and threshold compare for a pass, e.g. '>=' for k, '<' for recursive c. */
  readonly rule: '>=' | '<=' | '<' | '>';
}

/** Entropy l is exp(min H): allow the rounding of exp(ln l) when comparing with an integer l. */
const ENTROPY_TOLERANCE = 1e-9;

/**
 * Checks every stated requirement and always the GB/T 42460 gate. Requires every named
 * attribute to have been measured as sensitive (else `privacy_unknown_column`).
 */
export function checkPrivacyRequirements(
  measurement: PrivacyMeasurement,
  requirements: PrivacyRequirements,
): ModelCheck[] {
  const checks: ModelCheck[] = [];
  const sensitiveNamed = (attribute: string) => {
    const found = measurement.sensitive.find((s) => s.name === attribute);
    if (found === undefined) {
      throw new PrivacyError(
        'privacy_unknown_column',
        `requirement names ${attribute}, which was not measured as sensitive`,
        {
          details: { attribute },
        },
      );
    }
    return found;
  };
  if (requirements.k !== undefined) {
    const k = requirements.k;
    checks.push({
      model: 'k-anonymity',
      attribute: null,
      threshold: k,
      value: measurement.k,
      pass: measurement.k >= k,
      rule: '>=',
    });
  }
  for (const requirement of requirements.l ?? []) {
    const s = sensitiveNamed(requirement.attribute);
    if (requirement.model === 'distinct') {
      checks.push({
        model: 'distinct-l-diversity',
        attribute: s.name,
        threshold: requirement.l,
        value: s.lDistinct,
        pass: s.lDistinct >= requirement.l,
        rule: '>=',
      });
    } else if (requirement.model === 'entropy') {
      const pass = s.lEntropy >= requirement.l * (1 - ENTROPY_TOLERANCE) && measurement.classes > 0;
      checks.push({
        model: 'entropy-l-diversity',
        attribute: s.name,
        threshold: requirement.l,
        value: s.lEntropy,
        pass,
        rule: '>=',
      });
    } else {
      if (requirement.c === undefined || s.recursive.l !== requirement.l) {
        throw new PrivacyError(
          'privacy_invalid_parameter',
          `recursive (c,l) on ${s.name} needs c and a measurement at l = ${requirement.l}`,
          {
            details: { attribute: s.name, l: requirement.l, measuredL: s.recursive.l },
          },
        );
      }
      const value = s.recursive.cThreshold;
      checks.push({
        model: 'recursive-cl-diversity',
        attribute: s.name,
        threshold: requirement.c,
        value,
        pass: value !== null && value < requirement.c && measurement.classes > 0,
        rule: '>',
      });
    }
  }
  for (const requirement of requirements.t ?? []) {
    const s = sensitiveNamed(requirement.attribute);
    checks.push({
      model: 't-closeness',
      attribute: s.name,
      threshold: requirement.t,
      value: s.t,
      pass: s.t <= requirement.t,
      rule: '<=',
    });
  }
  for (const requirement of requirements.delta ?? []) {
    const s = sensitiveNamed(requirement.attribute);
    checks.push({
      model: 'delta-disclosure',
      attribute: s.name,
      threshold: requirement.delta,
      value: s.deltaDisclosure,
      pass: s.deltaDisclosure < requirement.delta,
      rule: '<',
    });
  }
  if (requirements.maxProsecutorRisk !== undefined) {
    const value = measurement.risk.prosecutor.highest;
    checks.push({
      model: 'prosecutor-risk',
      attribute: null,
      threshold: requirements.maxProsecutorRisk,
      value,
      pass: value <= requirements.maxProsecutorRisk,
      rule: '<=',
    });
  }
  if (requirements.maxRecordsAtRisk !== undefined) {
    const value = measurement.risk.prosecutor.recordsAtRisk;
    checks.push({
      model: 'records-at-risk',
      attribute: null,
      threshold: requirements.maxRecordsAtRisk,
      value,
      pass: value <= requirements.maxRecordsAtRisk,
      rule: '<=',
    });
  }
  const gbt = measurement.gbt42460;
  checks.push({
    model: 'gbt42460',
    attribute: null,
    threshold: gbt.riskThreshold,
    value: gbt.R,
    pass: gbt.pass,
    rule: '<=',
  });
  return checks;
}
