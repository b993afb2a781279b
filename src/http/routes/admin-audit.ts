// Admin API: page through the audit log, newest first, with filters.
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { auditEntrySchema } from '../schemas/identity.js';
import { pageOf, pageQuery } from '../schemas/paging.js';

const epochMsQuery = z.coerce.number().int().nonnegative();

export function adminAuditRouter(services: Services): RouterDefinition {
  return {
    routes: [
      defineRoute({
        method: 'get',
        path: '/admin/audit',
        summary: 'Page through the audit log (newest first)',
        tags: ['admin'],
        auth: 'key',
        request: {
          query: pageQuery.extend({
            organizationId: z.string().min(1).max(64).optional(),
            actor: z.string().min(1).max(64).optional(),
            action: z.string().min(1).max(96).optional(),
            target: z.string().min(1).max(128).optional(),
            fromMs: epochMsQuery.optional().describe('inclusive lower bound of atMs'),
            toMs: epochMsQuery.optional().describe('exclusive upper bound of atMs'),
          }),
        },
        responses: {
          200: { description: 'A page of audit entries', body: pageOf(auditEntrySchema) },
        },
        handler: async ({ context, query }) => ({
          status: 200,
          body: await services.auditTrail.listAuditEntries(context, query),
        }),
      }),
    ],
  };
}
