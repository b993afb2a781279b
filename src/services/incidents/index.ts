// Leak incidents (issue 19): filing, attribution, suspension and closing, and the listing's
// fingerprint key the in-value mark is planned with.
export {
  IncidentService,
  MAX_LEAKED_COPY_BYTES,
  type FileIncidentInput,
  type LeakAttributionRunner,
} from './incident-service.js';
export {
  toIncidentView,
  toBuyerIncidentView,
  type IncidentView,
  type BuyerIncidentView,
  type AttributionView,
  type TradeScoreView,
} from './incident-view.js';
export { nextIncidentState, type IncidentEvent } from './incident-state.js';
export { listingFingerprintKey } from '../fingerprints/index.js';
