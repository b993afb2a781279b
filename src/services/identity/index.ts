// The identity area's public surface: organizations, members, API keys, authentication, audit trail.
export { OrganizationService, type NewOrganization } from './organizations.js';
export { MemberService, type NewMember, type MemberFilter } from './members.js';
export { ApiKeyService, type NewApiKey, type IssuedApiKey, type ApiKeyFilter } from './api-keys.js';
export { AuthenticationService } from './authentication.js';
export { AuditTrailService, type AuditQuery } from './audit-trail.js';
export { ensureAdministrator, type BootstrapOutcome } from './bootstrap.js';
