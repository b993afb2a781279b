// The in-value fingerprint of a listing's copies (issue 19): its key, its release as the gate
// judged it, and its plan, shared by delivery (what each copy withholds) and incidents (attribution).
export {
  ListingFingerprintPlans,
  PLANNING_RETRY_MS,
  type FingerprintPlanningRunner,
  type ListingMark,
  type UnmarkedCopyReason,
} from './listing-fingerprint-plans.js';
export { listingFingerprintKey } from './listing-fingerprint-key.js';
export {
  readListingRelease,
  type ListingRelease,
  type ReleasedListing,
} from './listing-release.js';
