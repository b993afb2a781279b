// Public surface of core/detect: detectors, validators, column detection.
export type { DetectContext, Detector, DetectorKind } from './detector.js';
export { toChinaYmd } from './detector.js';
export { createDetectors } from './detectors/index.js';
export * from './detectors/index.js';
export {
  detectColumns,
  detectColumn,
  detectSampledColumn,
  detectSample,
  DETECTION_SAMPLE_SIZE,
  scanColumnMatches,
  judgeColumn,
  FINDING_MIN_RATE,
  VERDICT_CONFIDENCE,
} from './detect-columns.js';
export type {
  ColumnDetection,
  DetectionReport,
  DetectOptions,
  Finding,
  ScanResult,
} from './detect-columns.js';
export { StreamedDetection } from './streamed-detection.js';
export type { StreamedDetectionOptions } from './streamed-detection.js';
export { headerHint } from './header-context.js';
export { inferColumnType } from './infer-type.js';
export type { ColumnType } from './infer-type.js';
export {
  isValidResidentId,
  parseResidentId,
  computeResidentIdCheck,
} from './validators/cn-resident-id.js';
export { isValidUscc, computeUsccCheckCharacter } from './validators/cn-uscc.js';
export { isLuhnValid } from './validators/luhn.js';
export { isValidVin, computeVinCheck } from './validators/vin.js';
export { isRealDate } from './validators/calendar-date.js';
export { surnameLength, COMPOUND_SURNAMES } from './surnames.js';
export { IDENTIFIER_KINDS, KIND_LABELS, isIdentifierKind } from './kinds.js';
export type { IdentifierKind, KindLabel } from './kinds.js';
export { findIdentifierSpans } from './spans/find-spans.js';
export type { Span, SpanOptions } from './spans/span.js';
export { normalizeText } from './normalize/normalize-text.js';
export type { NormalizedText } from './normalize/normalize-text.js';
export { OffsetMap } from './normalize/offset-map.js';
