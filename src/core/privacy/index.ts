// Privacy models, re-identification risk and utility over dictionary-encoded tables (issue #4).
//
// Counting primitive (shared with core/search):
//   computeEquivalenceClasses(columns: readonly DictionaryColumn[],
//     options?: { suppressed?: Uint8Array; weights?: Int32Array }): EquivalenceClasses
//   EquivalenceClasses = { recordCount, suppressedCount, classCount,
//     classOfRecord: Int32Array (-1 = suppressed), classSizes: Int32Array, firstRecordOfClass: Int32Array }
export type { EquivalenceClasses, EquivalenceClassOptions } from './equivalence-classes.js';
export { computeEquivalenceClasses } from './equivalence-classes.js';
export type { PrivacyErrorCode } from './privacy-error.js';
export { PrivacyError } from './privacy-error.js';
