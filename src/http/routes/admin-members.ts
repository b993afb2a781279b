// Admin API: add and list members of organizations.
import { z } from 'zod';
import { ROLES } from '../../domain/index.js';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { memberSchema, newMemberBody } from '../schemas/identity.js';
import { pageOf, pageQuery } from '../schemas/paging.js';

export function adminMembersRouter(services: Services): RouterDefinition {
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/admin/members',
        summary: 'Add a member to an organization with one or more roles',
        tags: ['admin'],
        auth: 'key',
        request: { body: newMemberBody },
        responses: { 201: { description: 'Added', body: memberSchema } },
        handler: async ({ context, body }) => ({
          status: 201,
          body: await services.members.addMember(context, body),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/admin/members',
        summary: 'List members, optionally of one organization or holding one role',
        tags: ['admin'],
        auth: 'key',
        request: {
          query: pageQuery.extend({
            organizationId: z.string().min(1).max(64).optional(),
            role: z.enum(ROLES).optional(),
          }),
        },
        responses: { 200: { description: 'A page of members', body: pageOf(memberSchema) } },
        handler: async ({ context, query }) => ({
          status: 200,
          body: await services.members.listMembers(context, query),
        }),
      }),
    ],
  };
}
