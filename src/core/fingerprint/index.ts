// Per-trade fingerprints of delivered copies (seed Art. 18) and attribution of a leaked copy to its trade.
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
  scoreRowOrder,
  DEFAULT_ATTRIBUTION_THRESHOLDS,
  type Attribution,
  type AttributionCandidate,
  type AttributionThresholds,
  type RowOrderScore,
} from './attribute-copy.js';
