// Webhook subscriptions of the caller's organization and their delivery log.
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';

const webhookSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    url: z.string(),
    state: z.enum(['active', 'disabled']),
    createdAtMs: z.number().int(),
  })
  .passthrough();
const idParams = z.object({ webhookId: z.string().min(1).max(64) });

export function webhooksRouter(services: Services): RouterDefinition {
  const webhooks = services.webhooks;
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/webhooks',
        summary:
          "Subscribe a URL to the organization's events; the HMAC-SHA256 secret is shown once",
        description:
          'Each delivery is a POST of the event as JSON with `Anonex-Signature: t=<unix ms>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`; non-2xx answers are retried after 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h.',
        tags: ['webhooks'],
        auth: 'key',
        request: { body: z.object({ url: z.string().min(1).max(2000) }) },
        responses: {
          201: {
            description: 'Created',
            body: z.object({ webhook: webhookSchema, secret: z.string() }),
          },
        },
        handler: async ({ context, body }) => ({
          status: 201,
          body: await webhooks.createWebhook(context, body),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/webhooks',
        summary: "The organization's webhooks",
        tags: ['webhooks'],
        auth: 'key',
        responses: {
          200: { description: 'Webhooks', body: z.object({ items: z.array(webhookSchema) }) },
        },
        handler: async ({ principal }) => ({
          status: 200,
          body: { items: await webhooks.listWebhooks(principal) },
        }),
      }),
      defineRoute({
        method: 'post',
        path: '/webhooks/:webhookId/disable',
        summary: 'Stop deliveries to a webhook',
        tags: ['webhooks'],
        auth: 'key',
        request: { params: idParams },
        responses: { 200: { description: 'Disabled', body: webhookSchema } },
        handler: async ({ context, params }) => ({
          status: 200,
          body: await webhooks.disableWebhook(context, params.webhookId),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/webhooks/:webhookId/deliveries',
        summary: 'The delivery log: each delivery with its attempts, newest first',
        tags: ['webhooks'],
        auth: 'key',
        request: {
          params: idParams,
          query: z.object({
            limit: z.coerce.number().int().min(1).max(200).optional(),
            cursor: z.string().regex(/^\d+$/).optional(),
          }),
        },
        responses: { 200: { description: 'A page of deliveries' } },
        handler: async ({ principal, params, query }) => ({
          status: 200,
          body: await webhooks.listDeliveries(principal, params.webhookId, query),
        }),
      }),
    ],
  };
}
