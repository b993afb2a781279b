// Who is acting: resolved from an API key by the auth service, passed into every service call,
// and checked there, so no route can forget an authorization check.
import type { Role } from '../domain/index.js';
import { forbidden } from './errors.js';

export interface Principal {
  readonly memberId: string;
  readonly organizationId: string;
  readonly roles: readonly Role[];
  readonly apiKeyId: string;
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.includes(role);
}

/** Throws `forbidden` unless the principal holds at least one of `roles`. */
export function requireRole(principal: Principal, ...roles: Role[]): void {
  if (!roles.some((role) => principal.roles.includes(role))) {
    throw forbidden(`requires role ${roles.join(' or ')}`, {
      required: roles,
      held: principal.roles,
    });
  }
}
