// Typed errors of the generalization search and Mondrian partitioning.
import { AnonexError } from '../errors.js';

export const SEARCH_ERROR_CODES = [
  'search_invalid_criteria',
  'search_invalid_input',
  'search_lattice_too_large',
  'search_unsatisfiable',
  'search_cancelled',
] as const;
export type SearchErrorCode = (typeof SEARCH_ERROR_CODES)[number];

export class SearchError extends AnonexError<SearchErrorCode> {
  readonly area = 'search';
}
