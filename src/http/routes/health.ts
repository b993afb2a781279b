// Liveness (/healthz: the process answers) and readiness (/readyz: database, migrations and the
// start reconciliation of tables and ledger).
import { z } from 'zod';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import type { Services } from '../../services/index.js';

const readinessSchema = z.object({
  ready: z.boolean(),
  database: z.enum(['reachable', 'unreachable']),
  migrations: z.enum(['applied', 'pending', 'unknown']),
  ledgerReconciliation: z
    .enum(['consistent', 'differences', 'not_checked'])
    .describe('whether the start check found the database disagreeing with the ledger'),
  ledgerDifferences: z.number().int().nonnegative(),
});

export function healthRouter(services: Services): RouterDefinition {
  return {
    basePath: '',
    routes: [
      defineRoute({
        method: 'get',
        path: '/healthz',
        summary: 'Liveness: the process is up',
        tags: ['meta'],
        auth: 'public',
        responses: { 200: { description: 'Up', body: z.object({ status: z.literal('ok') }) } },
        handler: () => ({ status: 200, body: { status: 'ok' } }),
      }),
      defineRoute({
        method: 'get',
        path: '/readyz',
        summary: 'Readiness: the database answers and every migration is applied',
        tags: ['meta'],
        auth: 'public',
        responses: {
          200: { description: 'Ready', body: readinessSchema },
          503: { description: 'Not ready', body: readinessSchema },
        },
        handler: async () => {
          const readiness = await services.readiness.checkReadiness();
          return { status: readiness.ready ? 200 : 503, body: readiness };
        },
      }),
    ],
  };
}
