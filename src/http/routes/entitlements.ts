// Entitlements: the buyer's, the provider's granted, or all (admins); providers and admins revoke with a reason.
import { z } from 'zod';
import { ENTITLEMENT_STATES, ENTITLEMENT_STATUSES } from '../../domain/index.js';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { pageOf, pageQuery } from '../schemas/paging.js';
import { tradePartiesFields } from '../schemas/trade-parties.js';

export const entitlementSchema = z
  .object({
    id: z.string(),
    tradeId: z.string(),
    ...tradePartiesFields,
    purpose: z.string().describe('the declared purpose the data may be used for (seed Art. 18)'),
    columns: z.array(z.string()),
    startsAtMs: z.number().int(),
    expiresAtMs: z.number().int(),
    state: z.enum(ENTITLEMENT_STATES),
    status: z.enum(ENTITLEMENT_STATUSES),
    revocationReason: z.string().nullable(),
  })
  .passthrough();

const idParams = z.object({ entitlementId: z.string().min(1).max(64) });

export function entitlementsRouter(services: Services): RouterDefinition {
  const entitlements = services.entitlements;
  return {
    routes: [
      defineRoute({
        method: 'get',
        path: '/entitlements',
        summary: 'Entitlements held (buyer), granted on own listings (provider), or all (admin)',
        tags: ['entitlements'],
        auth: 'key',
        request: {
          query: pageQuery.extend({
            side: z.enum(['buyer', 'provider', 'all']).default('buyer'),
            listingId: z.string().min(1).max(64).optional(),
          }),
        },
        responses: { 200: { description: 'A page', body: pageOf(entitlementSchema) } },
        handler: async ({ principal, query }) => ({
          status: 200,
          body: await entitlements.listEntitlements(principal, query.side, {
            limit: query.limit,
            cursor: query.cursor,
            listingId: query.listingId,
          }),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/entitlements/:entitlementId',
        summary: 'One entitlement with its status now',
        tags: ['entitlements'],
        auth: 'key',
        request: { params: idParams },
        responses: { 200: { description: 'The entitlement', body: entitlementSchema } },
        handler: async ({ principal, params }) => ({
          status: 200,
          body: await entitlements.getEntitlement(principal, params.entitlementId),
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/entitlements/:entitlementId/revoke',
        summary: "Revoke with a reason (the listing's provider or an admin); the buyer is notified",
        tags: ['entitlements'],
        auth: 'key',
        request: { params: idParams, body: z.object({ reason: z.string().max(4000).optional() }) },
        responses: { 200: { description: 'Revoked', body: entitlementSchema } },
        handler: async ({ context, params, body }) => ({
          status: 200,
          body: await entitlements.revokeEntitlement(context, params.entitlementId, body),
        }),
      }),
    ],
  };
}
