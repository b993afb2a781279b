// The roles a member can hold; authorization checks them in services (see services/principal.ts).

/**
 * `auditor`: reads the ledger's full entries (the openings of every commitment,
 * docs/ledger-privacy.md) and nothing else beyond what any member reads.
 */
export const ROLES = ['provider', 'buyer', 'reviewer', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
