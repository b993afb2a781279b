// Privacy models, re-identification risk and utility over dictionary-encoded tables (issue #4).
// Definitions follow issue #4 exactly; each module cites its source. Pure: no I/O.
//
// Entry points for other areas (signatures):
//   computeEquivalenceClasses(columns: readonly DictionaryColumn[],
//       options?: { suppressed?: Uint8Array; weights?: Int32Array }): EquivalenceClasses
//     EquivalenceClasses = { recordCount, suppressedCount, classCount, classOfRecord: Int32Array (-1 =
//       suppressed), classSizes: Int32Array, firstRecordOfClass: Int32Array }
//   measurePrivacy(input: PrivacyInput): PrivacyMeasurement
//     PrivacyInput = { quasiIdentifiers: DictionaryColumn[]; sensitive?: { column, distance?, hierarchy?,
//       recursiveL? }[]; suppressed?: Uint8Array; riskThreshold?: number (0.05); population?:
//       DictionaryColumn[]; samplingFraction?: number; gbt42460?: { context?, probabilities?,
//       riskThreshold?, directIdentifiersRemain? } }
//   measurePrivacyOfClasses(classes, input): PrivacyMeasurement — when classes are already computed
//   checkPrivacyRequirements(measurement, requirements: PrivacyRequirements): ModelCheck[]
//   measureHierarchyUtility(attributes: { released, hierarchy, level? }[], suppressed?): HierarchyUtility
//     (ARX Loss: per attribute mean of (leaves−1)/(allLeaves−1), suppressed = 1; aggregate = geometric
//     mean of (1+loss) − 1; precision = level/(height−1))
//   measureDiscernibility(classes) = Σ f² + suppressed·n;  measureAverageClassSize(classes) = n/classes
//   measureNonUniformEntropy(original, released, suppressed?); measureMarginalDistance(original, released, suppressed?)
//   assessGbt42460(classes, { context, probabilities?, riskThreshold?, directIdentifiersRemain, quasiIdentifierCount })
//   measureReidentificationRisk(classes, { threshold, populationClassSizes? }); estimatePopulationUniqueness(classes, π)
//   measureUtility({ original, released, hierarchies?: Map<name, { hierarchy, level? }>, classes, suppressed?,
//       chartBars? }): UtilityMeasurement — every utility figure plus before/after bars, for the report
export type { ClassValueCounts } from './class-value-counts.js';
export { countClassValues } from './class-value-counts.js';
export { measureDeltaDisclosure } from './delta-disclosure.js';
export type { EquivalenceClasses, EquivalenceClassOptions } from './equivalence-classes.js';
export { computeEquivalenceClasses } from './equivalence-classes.js';
export type {
  ContextProbabilities,
  Gbt42460Assessment,
  Gbt42460Options,
  IdentifiabilityLevel,
  ReleaseContext,
} from './gbt42460.js';
export { assessGbt42460, CONTEXT_CLASS_THRESHOLD, RELEASE_CONTEXTS } from './gbt42460.js';
export type { GeneralizedValues } from './generalized-values.js';
export { resolveGeneralizedValues } from './generalized-values.js';
export type {
  AttributeUtility,
  GeneralizedAttribute,
  HierarchyUtility,
} from './hierarchy-utility.js';
export { aggregateLoss, measureHierarchyUtility } from './hierarchy-utility.js';
export type { ClassSizeBin } from './k-anonymity.js';
export {
  classSizeHistogram,
  countRecordsBelowK,
  isKAnonymous,
  measureK,
  measureLargestClass,
} from './k-anonymity.js';
export {
  classEntropy,
  isRecursiveCLDiverse,
  measureDistinctL,
  measureEntropyL,
  measureRecursiveCThreshold,
} from './l-diversity.js';
export type {
  PrivacyInput,
  PrivacyMeasurement,
  SensitiveAttributeInput,
  SensitiveMeasurement,
} from './measure-privacy.js';
export { measurePrivacy, measurePrivacyOfClasses, measureSensitive } from './measure-privacy.js';
export type {
  LDiversityModel,
  ModelCheck,
  ModelName,
  PrivacyRequirements,
} from './model-checks.js';
export { checkPrivacyRequirements } from './model-checks.js';
export { countPopulationClassSizes } from './population-classes.js';
export type { PopulationUniqueness } from './population-uniqueness.js';
export { estimatePopulationUniqueness, hypergeometricOne } from './population-uniqueness.js';
export type { PrivacyErrorCode } from './privacy-error.js';
export { PRIVACY_ERROR_CODES, PrivacyError } from './privacy-error.js';
export type {
  ReidentificationRisk,
  RiskBin,
  RiskFigures,
  RiskOptions,
} from './reidentification-risk.js';
export {
  measureReidentificationRisk,
  RISK_BIN_EDGES,
  riskDistribution,
} from './reidentification-risk.js';
export type { TDistance } from './t-closeness.js';
export { isNumericAttribute, measureTEqual, measureTOrdered, rankValues } from './t-closeness.js';
export { measureTHierarchical } from './t-closeness-hierarchical.js';
export type { MarginalBar } from './utility-metrics.js';
export {
  measureAverageClassSize,
  measureDiscernibility,
  measureMarginalDistance,
  measureNonUniformEntropy,
  topValues,
} from './utility-metrics.js';
export type {
  ColumnDistribution,
  ColumnUtility,
  UtilityInput,
  UtilityMeasurement,
} from './measure-utility.js';
export { measureUtility } from './measure-utility.js';
export type { CategoricalStatistics, NumericStatistics } from './column-statistics.js';
export {
  categoricalStatistics,
  numericStatistics,
  numericStatisticsOfRuns,
  QUANTILE_LEVELS,
  quantileOfRuns,
} from './column-statistics.js';
export type { DistinctionSeparation } from './distinction-separation.js';
export { measureDistinctionSeparation } from './distinction-separation.js';
export { earthMoversDistance, meanAbsoluteChange } from './numeric-distance.js';
export type { NumberRuns } from './number-runs.js';
export { numberAtRank, numberRunsOfCounts } from './number-runs.js';
export { isNumericColumn, numberOfCell, numberRuns } from './numeric-values.js';
export type {
  AnalysisFlag,
  ColumnAnalysis,
  NumericHistogram,
  QuasiIdentifierFigures,
  ReleaseAnalysis,
  ReleaseAnalysisInput,
  RiskSnapshot,
} from './release-analysis.js';
export { analyzeRelease, HIGH_T_CLOSENESS } from './release-analysis.js';
