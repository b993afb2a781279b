// Creates every service from one ServiceDeps, and lists the background workers the gateway runs.
//
// Conventions every area follows (see also request-context.ts and audit.ts):
// - A service is a class taking `ServiceDeps`; state-changing methods take a `RequestContext`
//   first (`{ principal, requestId }`), check roles themselves (`requireRole`), run in ONE
//   transaction (`deps.db.transaction(async (trx) => …)`) and write an audit row inside it:
//   `recordAudit(trx, { ...auditBy(context, deps.clock), action: 'x.done', target: id })`.
// - Lists take a `PageRequest` and return a `Page` (page.ts).
// - To add a service: import it and add one property to `createServices` below. To add a
//   worker: add a line to `createBackgroundWorkers`.
import type { ServiceDeps } from './deps.js';
import type { BackgroundWorker } from './background-worker.js';
import {
  ApiKeyService,
  AuditTrailService,
  AuthenticationService,
  MemberService,
  OrganizationService,
} from './identity/index.js';
import { ReadinessService } from './readiness.js';
import { WorkOverviewService } from './work-overview.js';
import { createBuyerWorkflow, createBuyerWorkers } from './buyer-workflow.js';
import { LedgerService, ReconciliationService, WitnessCollector } from './ledger/index.js';
import { ConsoleSessionService } from './console/console-sessions.js';
import { createProviderWorkflow } from './provider-workflow.js';
import { IncidentService } from './incidents/index.js';

export type { BackgroundWorker } from './background-worker.js';
export type { RequestContext } from './request-context.js';

export function createServices(deps: ServiceDeps) {
  const ledger = new LedgerService(deps);
  const reconciliation = new ReconciliationService(deps, ledger);
  const buyerWorkflow = createBuyerWorkflow(deps);
  const readiness = new ReadinessService(deps, reconciliation);
  return {
    authentication: new AuthenticationService(deps),
    organizations: new OrganizationService(deps),
    members: new MemberService(deps),
    apiKeys: new ApiKeyService(deps),
    auditTrail: new AuditTrailService(deps),
    readiness,
    workOverview: new WorkOverviewService(deps, ledger, readiness),
    ledger,
    reconciliation,
    witnessCollector: new WitnessCollector(deps, ledger),
    consoleSessions: new ConsoleSessionService(deps),
    ...createProviderWorkflow(deps, {
      // Large releases get their fingerprint plan and serving copy before the first buyer asks.
      onListingPublished: (listingId) => void buyerWorkflow.delivery.prepareListing(listingId),
    }),
    ...buyerWorkflow,
    incidents: new IncidentService(
      deps,
      undefined,
      buyerWorkflow.delivery.plans,
      buyerWorkflow.delivery.serving,
    ),
  };
}

export type Services = ReturnType<typeof createServices>;

/** Workers the gateway starts after it listens; stopped in reverse order on shutdown. */
export function createBackgroundWorkers(deps: ServiceDeps, services: Services): BackgroundWorker[] {
  return [
    services.ledger.sequencer,
    services.witnessCollector,
    services.jobRunner,
    ...createBuyerWorkers(deps, services),
  ];
}
