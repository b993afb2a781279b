// The states of each workflow's state machine, as literal lists: the one spelling that the store,
// the services' transition tables, the HTTP schemas and the console pages share.

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const REVIEW_STATES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const LISTING_STATES = ['draft', 'published', 'suspended', 'retired', 'revoked'] as const;
export type ListingState = (typeof LISTING_STATES)[number];

export const ACCESS_REQUEST_STATES = [
  'pending',
  'overdue',
  'approved',
  'refused',
  'disputed',
  'withdrawn',
] as const;
export type AccessRequestState = (typeof ACCESS_REQUEST_STATES)[number];

/**
 * What the store records of an entitlement; its status also depends on the clock (see services).
 * `suspended` (issue 19): held back by an incident, resumed or revoked when the incident closes.
 */
export const ENTITLEMENT_STATES = ['active', 'suspended', 'revoked'] as const;
export type EntitlementState = (typeof ENTITLEMENT_STATES)[number];

/** What callers see: the state read against the clock (services/entitlements/entitlement-view.ts). */
export const ENTITLEMENT_STATUSES = [
  'active',
  'scheduled',
  'expired',
  'suspended',
  'revoked',
] as const;
export type EntitlementStatus = (typeof ENTITLEMENT_STATUSES)[number];

/**
 * A leak incident (issue 19): filed with a suspected leaked copy, attributed to a trade of the
 * listing (or to none), the buyer's entitlements suspended by the exchange, closed with a resolution.
 */
export const INCIDENT_STATES = ['filed', 'attributed', 'suspended', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** How the exchange closes an incident. */
export const INCIDENT_RESOLUTIONS = [
  'leak_confirmed',
  'no_leak',
  'inconclusive',
  'withdrawn',
] as const;
export type IncidentResolution = (typeof INCIDENT_RESOLUTIONS)[number];
