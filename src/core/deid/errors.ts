// Typed errors of the de-identification engine: policy files and pipeline runs.
import { AnonexError } from '../errors.js';

/** Why a policy file was refused; every one carries file, line, field and reason in `details`. */
export const POLICY_ERROR_CODES = ['policy_invalid_yaml', 'policy_invalid'] as const;
export type PolicyErrorCode = (typeof POLICY_ERROR_CODES)[number];

/**
 * A policy that cannot be used. `issues` lists every problem as `{ field, reason }`, with the
 * field written as `file:line columns.age.transform.bands.width` so an editor can jump to it.
 */
export class PolicyError extends AnonexError<PolicyErrorCode> {
  readonly area = 'policy';
}

/** Why a pipeline could not run (as opposed to the gate refusing its result, which is a verdict). */
export const DEID_ERROR_CODES = [
  'deid_unknown_column',
  'deid_missing_hierarchy',
  'deid_invalid_value',
  'deid_missing_key',
  'deid_search_unavailable',
  'deid_no_solution',
  'deid_cancelled',
  'deid_gate_refused',
] as const;
export type DeidErrorCode = (typeof DEID_ERROR_CODES)[number];

export class DeidError extends AnonexError<DeidErrorCode> {
  readonly area = 'deid';
}
