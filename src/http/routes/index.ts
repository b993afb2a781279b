// Every router of the gateway. Each area adds its factory to `routerFactories` (one import, one
// line); routers default to the `/api/v1` base path (see define-route.ts).
import type { Services } from '../../services/index.js';
import type { RouterDefinition } from '../define-route.js';
import { adminApiKeysRouter } from './admin-api-keys.js';
import { adminAuditRouter } from './admin-audit.js';
import { adminHolidayNoticesRouter } from './admin-holiday-notices.js';
import { adminLedgerReconciliationRouter } from './admin-ledger-reconciliation.js';
import { adminMembersRouter } from './admin-members.js';
import { adminOrganizationsRouter } from './admin-organizations.js';
import { healthRouter } from './health.js';
import { meRouter } from './me.js';
import { accessRequestsRouter } from './access-requests.js';
import { ordersRouter } from './orders.js';
import { entitlementsRouter } from './entitlements.js';
import { deliveryRouter } from './delivery.js';
import { eventsRouter } from './events.js';
import { webhooksRouter } from './webhooks.js';
import { ledgerRouter } from './ledger.js';
import { organizationsRouter } from './organizations.js';
import { datasetsRouter } from './datasets.js';
import { jobsRouter } from './jobs.js';
import { reviewsRouter } from './reviews.js';
import { listingsRouter } from './listings.js';
import { catalogRouter } from './catalog.js';
import { incidentsRouter } from './incidents.js';

export type RouterFactory = (services: Services) => RouterDefinition;

export const routerFactories: readonly RouterFactory[] = [
  healthRouter,
  meRouter,
  organizationsRouter,
  adminOrganizationsRouter,
  adminMembersRouter,
  adminApiKeysRouter,
  adminAuditRouter,
  adminHolidayNoticesRouter,
  adminLedgerReconciliationRouter,
  ledgerRouter,
  datasetsRouter,
  jobsRouter,
  reviewsRouter,
  listingsRouter,
  catalogRouter,
  accessRequestsRouter,
  ordersRouter,
  entitlementsRouter,
  deliveryRouter,
  eventsRouter,
  webhooksRouter,
  incidentsRouter,
];
