// GET /api/v1/me: who the presented key acts as (any role); handy to check a key.
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';
import { principalSchema } from '../schemas/identity.js';

export function meRouter(_services: Services): RouterDefinition {
  return {
    routes: [
      defineRoute({
        method: 'get',
        path: '/me',
        summary: 'The principal the presented API key acts as',
        tags: ['identity'],
        auth: 'key',
        responses: { 200: { description: 'The principal', body: principalSchema } },
        handler: ({ principal }) => ({ status: 200, body: principal }),
      }),
    ],
  };
}
