// The ordered list of schema migrations: the only source of the database schema.
// Numbering keeps areas apart: 001–009 identities and audit, 010–019 ledger, 020–039 provider
// workflow (datasets, jobs, reviews, listings), 040–059 buyer workflow, 060–069 console, 070–079 incidents.
import type { Migration } from './migration.js';
import { organizations001 } from './001-organizations.js';
import { members002 } from './002-members.js';
import { apiKeys003 } from './003-api-keys.js';
import { auditLog004 } from './004-audit-log.js';
import { outbox010 } from './010-ledger-outbox.js';
import { ledgerLog011 } from './011-ledger-log.js';
import { ledgerLeafHashPrefix012 } from './012-ledger-leaf-hash-prefix.js';
import { ledgerOpenings013 } from './013-ledger-openings.js';
import { datasets020 } from './020-datasets.js';
import { anonymizationJobs021 } from './021-anonymization-jobs.js';
import { reviews022 } from './022-reviews.js';
import { listings023 } from './023-listings.js';
import { accessRequests040 } from './040-access-requests.js';
import { tradesEntitlements041 } from './041-trades-entitlements.js';
import { dataAccessLog042 } from './042-data-access-log.js';
import { events043 } from './043-events.js';
import { accessRequestDeadlineBasis044 } from './044-access-request-deadline-basis.js';
import { holidayNotices045 } from './045-holiday-notices.js';
import { sealedSecretColumns047 } from './047-sealed-secret-columns.js';
import { consoleSessions060 } from './060-console-sessions.js';
import { incidents070 } from './070-incidents.js';
import { listingFingerprintPlans071 } from './071-listing-fingerprint-plans.js';

export const migrations: readonly Migration[] = [
  organizations001,
  members002,
  apiKeys003,
  auditLog004,
  outbox010,
  ledgerLog011,
  ledgerLeafHashPrefix012,
  ledgerOpenings013,
  datasets020,
  anonymizationJobs021,
  reviews022,
  listings023,
  accessRequests040,
  tradesEntitlements041,
  dataAccessLog042,
  events043,
  accessRequestDeadlineBasis044,
  holidayNotices045,
  sealedSecretColumns047,
  consoleSessions060,
  incidents070,
  listingFingerprintPlans071,
];
