// The server-rendered console under /console: every page module's routes on one router.
import type { WebMountFactory } from '../edge/web-mounts.js';
import { createConsoleRouter } from './console-router.js';
import type { ConsoleRoute } from './console-route.js';
import { catalogPages } from './pages/catalog-pages.js';
import { datasetPages } from './pages/dataset-pages.js';
import { entitlementPages } from './pages/entitlement-pages.js';
import { homePages } from './pages/home-page.js';
import { incidentPages } from './pages/incident-pages.js';
import { jobPages } from './pages/job-pages.js';
import { listingPages } from './pages/listing-pages.js';
import { ledgerPages } from './pages/ledger-pages.js';
import { requestPages } from './pages/request-pages.js';
import { reviewPages } from './pages/review-pages.js';
import { sessionPages } from './pages/session-pages.js';

export const consoleRoutes: readonly ConsoleRoute[] = [
  ...sessionPages,
  ...homePages,
  ...ledgerPages,
  ...reviewPages,
  ...datasetPages,
  ...jobPages,
  ...listingPages,
  ...catalogPages,
  ...requestPages,
  ...entitlementPages,
  ...incidentPages,
];

export const consoleMount: WebMountFactory = (services) => ({
  path: '/console',
  router: createConsoleRouter(services, consoleRoutes),
});
