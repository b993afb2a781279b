// The roles a member can hold; authorization checks them in services (see services/principal.ts).

export const ROLES = ['provider', 'buyer', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
