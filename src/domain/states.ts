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

/** What the store records of an entitlement; its status also depends on the clock (see services). */
export const ENTITLEMENT_STATES = ['active', 'revoked'] as const;
export type EntitlementState = (typeof ENTITLEMENT_STATES)[number];
