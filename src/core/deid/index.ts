// Public surface of the de-identification engine: policies, transforms, the pipeline and its gate.
export * from './errors.js';
export * from './policy.js';
export { parsePolicy } from './parse-policy.js';
export { TRANSFORM_NAMES } from './parse-transform.js';
export { runPipeline } from './pipeline.js';
export { toModelRequirements } from './stages/measure-release.js';
export { onlyDroppedColumns, toInputPlan } from './stages/input-plan.js';
export type {
  ColumnTransformRecord,
  LevelSearch,
  LevelSearchRequest,
  LevelSearchResult,
  PipelineOptions,
  PipelineProgress,
  PipelineResult,
  PipelineStage,
  OutputColumn,
} from './pipeline-types.js';
export { searchOptimalLevels, toSearchCriteria } from './level-search.js';
export { checkPolicyGate } from './gate/policy-gate.js';
export { checkOutputColumn } from './gate/identifier-findings.js';
export { describeRefusal } from './gate/refusal.js';
export type { GateRefusal, GateVerdict } from './gate/refusal.js';
export { suppressViolatingClasses, minClassSizeForThreshold } from './suppression.js';
export type { SuppressionRules } from './suppression.js';
export { applyStep } from './transforms/apply-step.js';
export type { StepContext, StepOutcome, StepRecord } from './transforms/apply-step.js';
export { maskValue, redactValue } from './transforms/masking.js';
export { pseudonymizeValue } from './transforms/pseudonym.js';
export {
  bandOf,
  breakpointBandOf,
  roundTo,
  topBottomCode,
  laplaceNoise,
  parseNumber,
} from './transforms/numeric.js';
export { parseCalendarDate, generalizeDate, ageOn, shiftDate } from './transforms/dates.js';
export { truncateIp, truncateIpv4, truncateIpv6 } from './transforms/ip-truncate.js';
export { deriveFromResidentId } from './transforms/resident-id-derive.js';
export { createSyntheticGenerator } from './transforms/synthetic.js';
export { scrubColumn, scrubValue } from './transforms/scrub.js';
export type { ScrubCounts, ScrubOptions } from './transforms/scrub.js';
export { buildRunReport } from './run-report.js';
export type { RunReportContext } from './run-report.js';
export {
  collectArtifact,
  identifiabilityLevel,
  runRelease,
  toGateRefusedError,
} from './release.js';
export type { IdentifiabilityLevel, Release, ReleaseRequest, ReleaseWorld } from './release.js';
