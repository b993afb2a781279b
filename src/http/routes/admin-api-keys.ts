// Admin API: issue (shown once), list and revoke API keys.
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { apiKeySchema, issuedApiKeySchema, newApiKeyBody } from '../schemas/identity.js';
import { pageOf, pageQuery } from '../schemas/paging.js';

export function adminApiKeysRouter(services: Services): RouterDefinition {
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/admin/api-keys',
        summary: 'Issue an API key for a member; the key is in this response only',
        tags: ['admin'],
        auth: 'key',
        request: { body: newApiKeyBody },
        responses: { 201: { description: 'Issued', body: issuedApiKeySchema } },
        handler: async ({ context, body }) => ({
          status: 201,
          headers: { 'Cache-Control': 'no-store' },
          body: await services.apiKeys.createApiKey(context, body),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/admin/api-keys',
        summary: 'List API keys (never the keys themselves)',
        tags: ['admin'],
        auth: 'key',
        request: {
          query: pageQuery.extend({
            memberId: z.string().min(1).max(64).optional(),
            organizationId: z.string().min(1).max(64).optional(),
          }),
        },
        responses: { 200: { description: 'A page of API keys', body: pageOf(apiKeySchema) } },
        handler: async ({ context, query }) => ({
          status: 200,
          body: await services.apiKeys.listApiKeys(context, query),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/admin/api-keys/:apiKeyId/revoke',
        summary: 'Revoke an API key (idempotent)',
        tags: ['admin'],
        auth: 'key',
        request: { params: z.object({ apiKeyId: z.string().min(1).max(64) }) },
        responses: { 200: { description: 'Revoked', body: apiKeySchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await services.apiKeys.revokeApiKey(context, params.apiKeyId),
        }),
      }),
    ],
  };
}
