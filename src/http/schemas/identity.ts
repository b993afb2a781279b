// Request and response schemas of the identity resources: organizations, members, API keys, audit.
import { ORGANIZATION_KINDS, ROLES } from '../../domain/index.js';
import { z } from 'zod';
import { nameSchema } from '../../core/names.js';

const id = (prefix: string) => z.string().min(1).max(64).describe(`${prefix}_… identifier`);
const epochMs = z.number().int().nonnegative().describe('milliseconds since the Unix epoch (UTC)');

export const organizationSchema = z.object({
  id: id('org'),
  name: z.string(),
  uscc: z.string().describe('unified social credit code (GB 32100)'),
  kind: z.enum(ORGANIZATION_KINDS),
  createdAtMs: epochMs,
});

export const newOrganizationBody = z.object({
  name: nameSchema(),
  uscc: z.string().length(18).describe('18 characters with a valid GB 32100 check character'),
  kind: z.enum(ORGANIZATION_KINDS),
});

export const memberSchema = z.object({
  id: id('mem'),
  organizationId: id('org'),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  createdAtMs: epochMs,
});

export const newMemberBody = z.object({
  organizationId: id('org'),
  displayName: nameSchema(),
  roles: z.array(z.enum(ROLES)).min(1),
});

export const apiKeySchema = z.object({
  id: id('key'),
  memberId: id('mem'),
  prefix: z.string().describe('visible start of the key, e.g. anx_Ab3dE5gH'),
  label: z.string(),
  createdAtMs: epochMs,
  expiresAtMs: epochMs.nullable(),
  revokedAtMs: epochMs.nullable(),
  lastUsedAtMs: epochMs.nullable(),
});

export const newApiKeyBody = z.object({
  memberId: id('mem'),
  label: nameSchema(),
  expiresAtMs: epochMs.optional(),
});

export const issuedApiKeySchema = z.object({
  apiKey: apiKeySchema,
  key: z.string().describe('the API key itself: shown only in this response'),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  atMs: epochMs,
  actor: z.string(),
  apiKeyId: z.string().nullable(),
  organizationId: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const principalSchema = z.object({
  memberId: id('mem'),
  organizationId: id('org'),
  roles: z.array(z.enum(ROLES)),
  apiKeyId: id('key'),
});
