// Identity services over a fresh test database, with the first-start administrator already made:
// for service tests that need organizations, members and keys without starting HTTP.
import type { ManualClock } from '../../src/core/clock.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { ensureAdministrator } from '../../src/services/identity/index.js';
import { createServices, type Services } from '../../src/services/index.js';
import { requestContext, type RequestContext } from '../../src/services/request-context.js';
import { TEST_START_MS } from './gateway.js';
import { createServiceFixture } from './service-fixture.js';

export interface IdentityFixture {
  readonly deps: ServiceDeps;
  readonly services: Services;
  readonly clock: ManualClock;
  /** The administrator's context (request id `req-admin`). */
  readonly adminContext: RequestContext;
  readonly adminKey: string;
  destroy(): Promise<void>;
}

export async function createIdentityFixture(): Promise<IdentityFixture> {
  const { deps, clock, destroy } = await createServiceFixture({
    startMs: TEST_START_MS,
    tempPrefix: 'anonex-identity-',
  });
  const bootstrap = await ensureAdministrator(deps);
  if (bootstrap.kind !== 'created') throw new Error('expected a fresh database');
  const services = createServices(deps);
  const adminPrincipal = await services.authentication.authenticate(bootstrap.key);
  return {
    deps,
    services,
    clock,
    adminContext: requestContext(adminPrincipal, 'req-admin'),
    adminKey: bootstrap.key,
    destroy,
  };
}
