// Typed errors of the generalization search and Mondrian partitioning.
import { AnonexError } from '../errors.js';

export type SearchErrorCode =
  | 'search_invalid_criteria'
  | 'search_invalid_input'
  | 'search_lattice_too_large'
  | 'search_unsatisfiable'
  | 'search_cancelled';

export class SearchError extends AnonexError<SearchErrorCode> {
  readonly area = 'search';
}
