// Generalization hierarchies: ARX-format parsing, interval bands, and binding to dictionary codes.
export type { GeneralizationHierarchy, HierarchyRow } from './generalization-hierarchy.js';
export { buildHierarchy, labelAtLevel } from './generalization-hierarchy.js';
export type { HierarchyErrorCode } from './hierarchy-error.js';
export { HIERARCHY_ERROR_CODES, HierarchyError } from './hierarchy-error.js';
export type { ParseHierarchyOptions } from './parse-hierarchy.js';
export { parseHierarchy } from './parse-hierarchy.js';
export type { IntervalBands } from './interval-hierarchy.js';
export { buildIntervalHierarchy } from './interval-hierarchy.js';
export { toLeafCodes, toLevelCodes } from './leaf-codes.js';
