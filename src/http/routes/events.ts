// The per-organization events feed: GET /api/v1/events?after=<cursor>.
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';

const eventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  subjectId: z.string(),
  payload: z.record(z.string(), z.unknown()),
  createdAtMs: z.number().int(),
});

export function eventsRouter(services: Services): RouterDefinition {
  return {
    routes: [
      defineRoute({
        method: 'get',
        path: '/events',
        summary: "Events of the caller's organization after a cursor, oldest first",
        tags: ['events'],
        auth: 'key',
        request: {
          query: z.object({
            after: z
              .string()
              .regex(/^\d+$/)
              .optional()
              .describe('`cursor` of the previous answer; absent = from the start'),
            limit: z.coerce.number().int().min(1).max(500).optional(),
          }),
        },
        responses: {
          200: {
            description: 'Events and the cursor to continue from',
            body: z.object({ events: z.array(eventSchema), cursor: z.string() }),
          },
        },
        handler: async ({ principal, query }) => ({
          status: 200,
          body: await services.eventFeed.listEvents(principal, query),
        }),
      }),
    ],
  };
}
