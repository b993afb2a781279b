// Typed errors of the de-identification engine: policy files and pipeline runs.
import { AnonexError } from '../errors.js';

/** Why a policy file was refused; every one carries file, line, field and reason in `details`. */
export type PolicyErrorCode = 'policy_invalid_yaml' | 'policy_invalid';

/**
 * A policy that cannot be used. `issues` lists every problem as `{ field, reason }`, with the
 * field written as `file:line columns.age.transform.bands.width` so an editor can jump to it.
 */
export class PolicyError extends AnonexError<PolicyErrorCode> {
  readonly area = 'policy';
}

/** Why a pipeline could not run (as opposed to the gate refusing its result, which is a verdict). */
export type DeidErrorCode =
  | 'deid_unknown_column'
  | 'deid_missing_hierarchy'
  | 'deid_invalid_value'
  | 'deid_missing_key'
  | 'deid_search_unavailable'
  | 'deid_no_solution'
  | 'deid_cancelled'
  | 'deid_gate_refused';

export class DeidError extends AnonexError<DeidErrorCode> {
  readonly area = 'deid';
}
