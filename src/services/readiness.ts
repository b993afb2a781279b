// Readiness of the gateway for /readyz: the database answers and every migration is applied; it
// also reports whether the start reconciliation found the tables disagreeing with the ledger.
import { pingDatabase } from '../store/db.js';
import { isFullyMigrated } from '../store/migrate.js';
import type { ServiceDeps } from './deps.js';
import type { ReconciliationService, ReconciliationStatus } from './ledger/index.js';

export interface Readiness {
  readonly ready: boolean;
  readonly database: 'reachable' | 'unreachable';
  readonly migrations: 'applied' | 'pending' | 'unknown';
  /**
   * The start reconciliation of tables and ledger. Differences leave `ready` true: the signed log
   * is intact and serves receipts; the flag tells operators to run `anonex ledger audit`
   * (docs/security.md, "What the gateway checks at start").
   */
  readonly ledgerReconciliation: ReconciliationStatus;
  readonly ledgerDifferences: number;
}

export class ReadinessService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly reconciliation: Pick<ReconciliationService, 'status'>,
  ) {}

  async checkReadiness(): Promise<Readiness> {
    const { status, differences } = this.reconciliation.status();
    const ledger = { ledgerReconciliation: status, ledgerDifferences: differences };
    try {
      await pingDatabase(this.deps.db);
    } catch {
      return { ready: false, database: 'unreachable', migrations: 'unknown', ...ledger };
    }
    const applied = await isFullyMigrated(this.deps.db).catch(() => false);
    return {
      ready: applied,
      database: 'reachable',
      migrations: applied ? 'applied' : 'pending',
      ...ledger,
    };
  }
}
