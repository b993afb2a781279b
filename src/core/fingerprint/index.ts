// Per-trade fingerprints of delivered copies (seed Art. 18) and attribution of a leaked copy to its trade.
// In-value marks (docs/fingerprinting.md): plan a listing's slots, mark each trade's copy, attribute a leak.
export {
  planFingerprint,
  planDigest,
  FINGERPRINT_PLAN_SCHEME,
  DEFAULT_SLOTS,
  DEFAULT_SLOT_SHARE,
  DEFAULT_MAX_WITHHELD_SHARE,
  DEFAULT_RARE_SHARE,
  DEFAULT_MAX_CLASS_SHARE,
  type FingerprintPlan,
  type FingerprintPlanOptions,
  type FingerprintPlanSummary,
} from './slot-plan.js';
export { tradeCodeword, withheldRowsOf } from './trade-codeword.js';
export { markCopy, type MarkedCopy, type MarkChanges, type PrivacyFigures } from './mark-copy.js';
export {
  attributeLeak,
  DEFAULT_FALSE_ACCUSATION_THRESHOLD,
  type AttributionOptions,
  type LeakAttribution,
  type LeakCandidate,
  type LeakEvidence,
  type TradeScore,
} from './attribute-leak.js';
export {
  encodeRelease,
  type EncodedRelease,
  type FingerprintRelease,
} from './fingerprint-release.js';
export { prepareRelease, toPreparedRelease, type PreparedRelease } from './prepared-release.js';
export { fingerprintReleaseOf } from './release-of-policy.js';
export { measureCopyPrivacy, verifyNoPrivacyRegression, type CopyPrivacy } from './copy-privacy.js';
export { canonicalText } from './canonical-value.js';
export { logRademacherTail } from './rademacher-tail.js';
export { MIN_KEY_BYTES } from './keyed-stream.js';
export {
  FingerprintError,
  FINGERPRINT_ERROR_CODES,
  type FingerprintErrorCode,
} from './fingerprint-error.js';
// The keyed row order and watermark header of every delivered copy (the first, weaker mark).
export { rowContents, recordContents, valueText } from './row-content.js';
export {
  FINGERPRINT_SCHEME,
  fingerprintRowOrder,
  fingerprintWatermark,
  fingerprintKeyCommitment,
  rowSortKey,
} from './row-order.js';
export {
  attributeLeakedCopy,
  rankRowOrderScores,
  scoreRowOrder,
  scoreSortKeys,
  DEFAULT_ATTRIBUTION_THRESHOLDS,
  type Attribution,
  type AttributionCandidate,
  type AttributionThresholds,
  type RowOrderScore,
} from './attribute-copy.js';
