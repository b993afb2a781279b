// Optimal full-domain generalization search (lattice, record suppression) and Mondrian partitioning.
export type { PrivacyCriteria, LDiversityModel, ResolvedCriteria } from './privacy-criteria.js';
export { resolveCriteria } from './privacy-criteria.js';
export type { SearchMetric } from './search-metrics.js';
export { SEARCH_METRICS } from './search-metrics.js';
export type { QuasiIdentifier, SearchInput, PreparedSearch } from './prepare-search.js';
export { prepareSearch } from './prepare-search.js';
export type { SearchOptions, SearchOutcome, SearchProgress } from './optimal-search.js';
export { LatticeSearch, searchLattice, searchLatticeSync, TIE_RULE } from './optimal-search.js';
export type { AppliedTransformation } from './apply-transformation.js';
export { applyTransformation, SUPPRESSED_VALUE } from './apply-transformation.js';
export type { GeneralizationResult } from './search-generalization.js';
export { searchGeneralization, searchGeneralizationSync } from './search-generalization.js';
export type { SearchErrorCode } from './search-error.js';
export { SEARCH_ERROR_CODES, SearchError } from './search-error.js';
export type { MondrianOptions, MondrianResult } from './mondrian.js';
export { partitionMondrian } from './mondrian.js';
export { isClassAcceptable } from './class-acceptance.js';
export type {
  HierarchySource,
  MondrianSearchRun,
  OptimalSearchRun,
  ReleaseMeasurement,
  SearchMethod,
  SearchRun,
  SearchRunRequest,
} from './run-search.js';
export { runSearch } from './run-search.js';
