// The reconciliation of the business tables with the ledger as the gateway runs it: once at start
// (cheap, see ledger-reconciliation.ts), its outcome kept for /readyz and admins, and in full on
// demand for `anonex ledger audit`. A difference does not stop the gateway (docs/security.md).
import type { ServiceDeps } from '../deps.js';
import { requireRole, type Principal } from '../principal.js';
import { reconcileLedger, type ReconciliationReport } from './ledger-reconciliation.js';
import type { LedgerService } from './ledger-service.js';

/** What /readyz says of the start reconciliation: no ids, no values (it is public). */
export type ReconciliationStatus = 'consistent' | 'differences' | 'not_checked';

export class ReconciliationService {
  private atStart: ReconciliationReport | undefined;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly ledger: LedgerService,
  ) {}

  /** Every row against every entry; the log itself is audited first (LedgerService.open). */
  async reconcileAll(): Promise<ReconciliationReport> {
    await this.ledger.open();
    return reconcileLedger({ db: this.deps.db, secrets: this.deps.secrets });
  }

  /**
   * The start check: reconciles the latest LEDGER_RECONCILE_START_ENTRIES entries (everything
   * while the log is that short) and logs each difference by subject, id and column, without the
   * values (logs leave the machine; the commercial values stay in the database and the ledger).
   */
  async checkAtStart(): Promise<ReconciliationReport | undefined> {
    const windowEntries = this.deps.config.ledgerReconcileStartEntries;
    if (windowEntries === 0) return undefined;
    await this.ledger.open();
    const report = await reconcileLedger(
      { db: this.deps.db, secrets: this.deps.secrets },
      windowEntries,
    );
    this.atStart = report;
    for (const difference of report.differences) {
      const { kind, subject, id } = difference;
      const where = 'column' in difference ? { column: difference.column } : {};
      this.deps.logger.error(
        { difference: { kind, subject, id, ...where } },
        'ledger reconciliation: the database disagrees with the ledger',
      );
    }
    this.deps.logger.info(
      {
        scope: report.scope,
        entriesChecked: report.entriesChecked,
        rowsChecked: report.rowsChecked,
        differences: report.differences.length,
      },
      'ledger reconciliation at start done',
    );
    return report;
  }

  /** For /readyz: whether the start check found differences, and how many. */
  status(): { status: ReconciliationStatus; differences: number } {
    if (this.atStart === undefined) return { status: 'not_checked', differences: 0 };
    const differences = this.atStart.differences.length;
    return { status: differences === 0 ? 'consistent' : 'differences', differences };
  }

  /** The start check's report with every difference (admins and auditors). */
  startReport(principal: Principal): ReconciliationReport | undefined {
    requireRole(principal, 'admin', 'auditor');
    return this.atStart;
  }
}
