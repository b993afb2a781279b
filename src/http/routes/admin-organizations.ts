// Admin API: create, list and read organizations.
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { newOrganizationBody, organizationSchema } from '../schemas/identity.js';
import { pageOf, pageQuery } from '../schemas/paging.js';

export function adminOrganizationsRouter(services: Services): RouterDefinition {
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/admin/organizations',
        summary: 'Create an organization',
        tags: ['admin'],
        auth: 'key',
        request: { body: newOrganizationBody },
        responses: { 201: { description: 'Created', body: organizationSchema } },
        handler: async ({ context, body }) => ({
          status: 201,
          body: await services.organizations.createOrganization(context, body),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/admin/organizations',
        summary: 'List organizations',
        tags: ['admin'],
        auth: 'key',
        request: { query: pageQuery },
        responses: {
          200: { description: 'A page of organizations', body: pageOf(organizationSchema) },
        },
        handler: async ({ context, query }) => ({
          status: 200,
          body: await services.organizations.listOrganizations(context, query),
        }),
      }),
    ],
  };
}
