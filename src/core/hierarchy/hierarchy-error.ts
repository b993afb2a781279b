// Typed errors for generalization hierarchies: malformed ARX files, bad interval bands, unknown values.
import { AnonexError } from '../errors.js';

export const HIERARCHY_ERROR_CODES = [
  'hierarchy_empty',
  'hierarchy_ragged_row',
  'hierarchy_duplicate_value',
  'hierarchy_inconsistent_parent',
  'hierarchy_unterminated_quote',
  'hierarchy_invalid_bands',
  'hierarchy_non_numeric_value',
  'hierarchy_value_missing',
] as const;
export type HierarchyErrorCode = (typeof HIERARCHY_ERROR_CODES)[number];

/**
 * Raised for a hierarchy that cannot be used. `details` carries `line` (1-based line of the
 * hierarchy text) where one is known, plus the got/want figures (field counts, levels).
 */
export class HierarchyError extends AnonexError<HierarchyErrorCode> {
  readonly area = 'hierarchy';
}
