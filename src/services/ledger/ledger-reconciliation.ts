// Reads the business tables and the ledger and reconciles them (issue 16, item 7). `full` reads
// everything (`anonex ledger audit`); `window` reads the latest entries and the rows they name,
// plus row counts of the subjects with one entry per row: cheap enough for every start.
import {
  reconcileFacts,
  type EntryFacts,
  type ReconciledSubject,
  type ReconciliationDifference,
  type RowFacts,
} from '../../core/ledger/index.js';
import type { Queryable } from '../../store/db.js';
import { findAccessRequest, listAccessRequests } from '../../store/repositories/access-requests.js';
import {
  countEntries,
  countOutboxByKind,
  selectEntries,
  selectPendingOutboxOfKinds,
} from '../../store/repositories/ledger.js';
import { selectLedgerOpenings } from '../../store/repositories/ledger-openings.js';
import { findListing, listListingsAfter } from '../../store/repositories/listings.js';
import {
  countReviewsInStates,
  findReview,
  listReviewsAfter,
} from '../../store/repositories/reviews.js';
import {
  countEntitlementsInState,
  countTrades,
  findEntitlement,
  findEntitlementOfTrade,
  findTrade,
  listEntitlements,
  listTrades,
  type EntitlementRecord,
} from '../../store/repositories/trades.js';
import type { SecretBox } from '../../store/secret-box.js';
import {
  accessDecisionFacts,
  entitlementRevocationFacts,
  entitlementSuspensionFacts,
  entryFacts,
  listingFacts,
  RECONCILED_KINDS,
  reviewDecisionFacts,
  tradeFacts,
} from './reconciliation-facts.js';

const PAGE_ROWS = 1000;

export interface ReconciliationReport {
  /** `full`: every row and entry; `window`: the latest `entriesChecked` entries and row counts. */
  readonly scope: 'full' | 'window';
  readonly treeSize: number;
  /** Entries (and pending outbox events) of the reconciled kinds read. */
  readonly entriesChecked: number;
  readonly rowsChecked: number;
  readonly differences: readonly ReconciliationDifference[];
}

export interface ReconciliationSources {
  readonly db: Queryable;
  /** Unseals each trade's fingerprint key, whose commitment the trade entry carries. */
  readonly secrets: SecretBox;
}

/**
 * Reconciles the tables with the ledger. `windowEntries` undefined reconciles everything;
 * otherwise a log (plus pending events) no longer than it is still reconciled in full, and a longer
 * one through its latest `windowEntries` entries and the row counts.
 */
export async function reconcileLedger(
  sources: ReconciliationSources,
  windowEntries?: number,
): Promise<ReconciliationReport> {
  const { db } = sources;
  const treeSize = await countEntries(db);
  const pending = await selectPendingOutboxOfKinds(db, RECONCILED_KINDS);
  const full = windowEntries === undefined || treeSize + pending.length <= windowEntries;
  const firstLeaf = full ? 0 : treeSize - windowEntries;
  const entries = await readEntryFacts(db, firstLeaf, treeSize, pending);
  const rows = full ? await readAllRowFacts(sources) : await readRowFactsOf(sources, entries);
  const differences = reconcileFacts(rows, entries);
  if (!full) differences.push(...(await countDifferences(db)));
  return {
    scope: full ? 'full' : 'window',
    treeSize,
    entriesChecked: entries.length,
    rowsChecked: rows.length,
    differences,
  };
}

async function readEntryFacts(
  db: Queryable,
  firstLeaf: number,
  treeSize: number,
  pending: readonly { id: number; entryJson: string }[],
): Promise<EntryFacts[]> {
  const facts: EntryFacts[] = [];
  for (let start = firstLeaf; start < treeSize; start += PAGE_ROWS) {
    const page = await selectEntries(db, start, Math.min(treeSize, start + PAGE_ROWS));
    const openings = await selectLedgerOpenings(
      db,
      page.map((entry) => entry.outboxId),
    );
    for (const entry of page) {
      const fact = entryFacts(
        entry.entryJson,
        entry.leafIndex,
        openings.get(entry.outboxId)?.openings,
      );
      if (fact !== undefined) facts.push(fact);
    }
  }
  const pendingOpenings = await selectLedgerOpenings(
    db,
    pending.map((event) => event.id),
  );
  for (const event of pending) {
    const fact = entryFacts(event.entryJson, null, pendingOpenings.get(event.id)?.openings);
    if (fact !== undefined) facts.push(fact);
  }
  return facts;
}

/** Reads a table page by page (id cursor) through `list`. */
async function everyRow<T extends { id: string }>(
  list: (afterId: string | undefined) => Promise<T[]>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let afterId: string | undefined; ;) {
    const page = await list(afterId);
    rows.push(...page);
    if (page.length < PAGE_ROWS) return rows;
    afterId = page[page.length - 1].id;
  }
}

async function readAllRowFacts({ db, secrets }: ReconciliationSources): Promise<RowFacts[]> {
  const page = (afterId: string | undefined) => ({ limit: PAGE_ROWS, afterId });
  const entitlements = await everyRow((afterId) => listEntitlements(db, {}, page(afterId)));
  const entitlementOfTrade = new Map<string, EntitlementRecord>(
    entitlements.map((entitlement) => [entitlement.tradeId, entitlement]),
  );
  const trades = await everyRow((afterId) => listTrades(db, {}, page(afterId)));
  const reviews = await everyRow((afterId) => listReviewsAfter(db, afterId, PAGE_ROWS));
  const listings = await everyRow((afterId) => listListingsAfter(db, afterId, PAGE_ROWS));
  const requests = await everyRow((afterId) => listAccessRequests(db, {}, page(afterId)));
  return [
    ...trades.map((trade) => tradeFacts(trade, entitlementOfTrade.get(trade.id), secrets)),
    ...entitlements.map(entitlementRevocationFacts),
    ...entitlements.map(entitlementSuspensionFacts),
    ...reviews.map(reviewDecisionFacts),
    ...listings.map(listingFacts),
    ...requests.map(accessDecisionFacts),
  ];
}

/** The rows the entries name, each looked up by id; a row that is gone is simply absent. */
async function readRowFactsOf(
  { db, secrets }: ReconciliationSources,
  entries: readonly EntryFacts[],
): Promise<RowFacts[]> {
  const named = new Map<string, { subject: ReconciledSubject; id: string }>();
  for (const entry of entries) named.set(`${entry.subject}\n${entry.id}`, entry);
  const rows: RowFacts[] = [];
  for (const { subject, id } of named.values()) {
    const row = await readRowFacts(db, secrets, subject, id);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

async function readRowFacts(
  db: Queryable,
  secrets: SecretBox,
  subject: ReconciledSubject,
  id: string,
): Promise<RowFacts | undefined> {
  switch (subject) {
    case 'trade': {
      const trade = await findTrade(db, id);
      return trade && tradeFacts(trade, await findEntitlementOfTrade(db, id), secrets);
    }
    case 'review_decision': {
      const review = await findReview(db, id);
      return review && reviewDecisionFacts(review);
    }
    case 'listing': {
      const listing = await findListing(db, id);
      return listing && listingFacts(listing);
    }
    case 'access_decision': {
      const request = await findAccessRequest(db, id);
      return request && accessDecisionFacts(request);
    }
    case 'entitlement_revocation': {
      const entitlement = await findEntitlement(db, id);
      return entitlement && entitlementRevocationFacts(entitlement);
    }
    case 'entitlement_suspension': {
      const entitlement = await findEntitlement(db, id);
      return entitlement && entitlementSuspensionFacts(entitlement);
    }
  }
}

/**
 * Row counts against event counts for the subjects with exactly one event per row: trades,
 * review decisions and entitlement revocations. Listings, access requests and entitlement
 * suspensions may have several events per row, so only the full audit checks those beyond the
 * window.
 */
async function countDifferences(db: Queryable): Promise<ReconciliationDifference[]> {
  const events = await countOutboxByKind(db, [
    'trade',
    'report.approved',
    'report.rejected',
    'entitlement.revoked',
  ]);
  const counted: [ReconciledSubject, number, number][] = [
    ['trade', await countTrades(db), events.get('trade') ?? 0],
    [
      'review_decision',
      await countReviewsInStates(db, ['approved', 'rejected']),
      (events.get('report.approved') ?? 0) + (events.get('report.rejected') ?? 0),
    ],
    [
      'entitlement_revocation',
      await countEntitlementsInState(db, 'revoked'),
      events.get('entitlement.revoked') ?? 0,
    ],
  ];
  return counted
    .filter(([, database, ledger]) => database !== ledger)
    .map(([subject, database, ledger]) => ({
      kind: 'count_mismatch',
      subject,
      id: '*',
      database,
      ledger,
    }));
}
