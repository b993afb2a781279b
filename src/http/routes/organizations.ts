// GET /api/v1/organizations/:organizationId: any member reads any organization's public record.
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { organizationSchema } from '../schemas/identity.js';

export function organizationsRouter(services: Services): RouterDefinition {
  return {
    routes: [
      defineRoute({
        method: 'get',
        path: '/organizations/:organizationId',
        summary: 'Read an organization (name, USCC, kind)',
        tags: ['identity'],
        auth: 'key',
        request: { params: z.object({ organizationId: z.string().min(1).max(64) }) },
        responses: { 200: { description: 'The organization', body: organizationSchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await services.organizations.getOrganization(context, params.organizationId),
        }),
      }),
    ],
  };
}
