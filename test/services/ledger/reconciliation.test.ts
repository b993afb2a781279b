// Reconciliation of the business tables with the ledger (issue 16, item 7): a clean database has no
// difference; each edit, deletion or insertion made behind the services' back is reported by id
// and column, in the full audit and (for what the window sees) in the start check.
import { expect } from 'chai';
import type { ReconciliationDifference } from '../../../src/core/ledger/index.js';
import { createServices, type Services } from '../../../src/services/index.js';
import { ReconciliationService } from '../../../src/services/ledger/index.js';
import { listingDocumentSha256 } from '../../../src/services/listings/index.js';
import {
  resumeEntitlementInTransaction,
  suspendEntitlementInTransaction,
} from '../../../src/services/entitlements/index.js';
import { findListing } from '../../../src/store/repositories/listings.js';
import { findEntitlement } from '../../../src/store/repositories/trades.js';
import {
  buyerWorkflowContexts,
  contextOf,
  createBuyerFixture,
  createListingFixture,
  type BuyerFixture,
} from '../../helpers/buyer-workflow.js';
import { APPROVAL } from '../../helpers/provider-flow.js';

/** Every reconciled table, parents first (restored in this order, emptied in reverse). */
const TABLES = ['reviews', 'listings', 'access_requests', 'trades', 'entitlements'] as const;

describe('services/ledger reconciliation', function () {
  this.timeout(20_000);
  let fixture: BuyerFixture;
  let services: Services;
  let snapshot: Record<string, Record<string, unknown>[]>;
  const ids = {
    review: '',
    listing: '',
    conditionalListing: '',
    request: '',
    trade: '',
    revokedTrade: '',
    conditionalTrade: '',
    revokedEntitlement: '',
    entitlement: '',
    resumedTrade: '',
    resumedEntitlement: '',
    suspendedEntitlement: '',
  };

  /** Suspends or resumes an entitlement as an incident does (issue 19), through the service code. */
  async function changeSuspension(
    change: typeof suspendEntitlementInTransaction,
    entitlementId: string,
  ): Promise<void> {
    await fixture.deps.db.transaction(async (trx) => {
      const entitlement = await findEntitlement(trx, entitlementId);
      const changed = await change(trx, fixture.deps.clock, admin, entitlement!, {
        incidentId: 'inc_reconciled',
        reason: 'incident inc_reconciled: copy traced',
      });
      expect(changed, `${entitlementId} changed`).not.to.equal(undefined);
    });
  }
  const admin = contextOf('mem_admin_reconcile', 'org_exchange', ['admin']);

  /** A fixture listing in draft whose review waits: approved and published through the services. */
  async function publishedThroughServices(sharingType: 'conditional' | 'unconditional') {
    const listing = await createListingFixture(fixture.deps, { sharingType, state: 'draft' });
    const ctx = buyerWorkflowContexts(listing.providerOrganizationId);
    const record = await findListing(fixture.deps.db, listing.listingId);
    const { documentSha256: _old, ...terms } = record!;
    await fixture.deps
      .db('listings')
      .where({ id: listing.listingId })
      .update({ document_sha256: listingDocumentSha256(terms) });
    await fixture.deps.db('reviews').where({ id: record!.reviewId }).update({ state: 'pending' });
    const reviewer = contextOf('mem_reviewer', 'org_reviewer', ['reviewer']);
    await services.reviews.approveReview(reviewer, record!.reviewId, APPROVAL);
    await services.listings.publishListing(ctx.provider, listing.listingId);
    return { listing, ctx, reviewId: record!.reviewId };
  }

  before(async () => {
    fixture = await createBuyerFixture();
    services = createServices(fixture.deps);
    const open = await publishedThroughServices('unconditional');
    ids.review = open.reviewId;
    ids.listing = open.listing.listingId;
    const bought = await services.orders.placeOrder(
      open.ctx.buyerA,
      { listingId: ids.listing, purpose: 'research', intendedUse: 'Visit statistics' },
      'key-1',
    );
    ids.trade = bought.trade.id;
    ids.entitlement = bought.entitlement.id;
    const revoked = await services.orders.placeOrder(
      open.ctx.buyerB,
      { listingId: ids.listing, purpose: 'research', intendedUse: 'Visit statistics' },
      'key-2',
    );
    ids.revokedTrade = revoked.trade.id;
    ids.revokedEntitlement = revoked.entitlement.id;
    // Suspended by an incident, then revoked (a confirmed leak): revocation accepts `suspended`.
    await changeSuspension(suspendEntitlementInTransaction, revoked.entitlement.id);
    await services.entitlements.revokeEntitlement(open.ctx.provider, revoked.entitlement.id, {
      reason: 'purpose breached',
    });
    const resumed = await services.orders.placeOrder(
      contextOf('mem_buyer_c', 'org_buyer_c', ['buyer']),
      { listingId: ids.listing, purpose: 'research', intendedUse: 'Visit statistics' },
      'key-4',
    );
    ids.resumedTrade = resumed.trade.id;
    ids.resumedEntitlement = resumed.entitlement.id;
    await changeSuspension(suspendEntitlementInTransaction, resumed.entitlement.id);
    await changeSuspension(resumeEntitlementInTransaction, resumed.entitlement.id);
    // The first half is sequenced, the rest stays in the outbox: both are reconciled.
    await services.ledger.flush();
    const conditional = await publishedThroughServices('conditional');
    ids.conditionalListing = conditional.listing.listingId;
    const request = await services.accessRequests.submitAccessRequest(conditional.ctx.buyerA, {
      listingId: ids.conditionalListing,
      purpose: 'public_health',
      intendedUse: 'Vaccination planning by age band.',
      requestedDurationDays: 20,
      columns: ['age_band', 'sex', 'visits'],
    });
    ids.request = request.id;
    await services.accessRequests.approveAccessRequest(conditional.ctx.provider, request.id, {});
    const conditionalTrade = await services.orders.placeOrder(
      conditional.ctx.buyerA,
      { listingId: ids.conditionalListing, accessRequestId: request.id },
      'key-3',
    );
    ids.conditionalTrade = conditionalTrade.trade.id;
    ids.suspendedEntitlement = conditionalTrade.entitlement.id;
    await changeSuspension(suspendEntitlementInTransaction, conditionalTrade.entitlement.id);
    snapshot = {};
    for (const table of TABLES) snapshot[table] = await fixture.deps.db(table).select('*');
  });
  after(() => fixture.destroy());

  afterEach(async () => {
    const { db } = fixture.deps;
    for (const table of [...TABLES].reverse()) await db(table).delete();
    for (const table of TABLES)
      if (snapshot[table].length > 0) await db(table).insert(snapshot[table]);
  });

  const summary = (differences: readonly ReconciliationDifference[]) =>
    differences.map((d) =>
      'column' in d
        ? `${d.kind} ${d.subject} ${d.id} ${d.column}`
        : `${d.kind} ${d.subject} ${d.id}`,
    );

  it('finds no difference in a database written by the services', async () => {
    const report = await services.reconciliation.reconcileAll();
    expect(report.differences).to.deep.equal([]);
    expect(report.scope).to.equal('full');
    // 4 trades, 4 entitlement rows (revocation and suspension each), 2 reviews, 2 listings,
    // 1 request
    expect(report.rowsChecked).to.equal(4 + 4 * 2 + 2 + 2 + 1);
    // 4 trade entries, 1 revocation, 4 suspension entries (suspended, suspended + resumed,
    // suspended), 2 review decisions, 2 listing publications, 1 access decision
    expect(report.entriesChecked).to.equal(4 + 1 + 4 + 2 + 2 + 1);
  });

  /** An entitlement's state edited behind the services' back. */
  const setEntitlementState = (id: string, state: string) =>
    fixture.deps.db('entitlements').where({ id }).update({ state });

  const cases: {
    desc: string;
    tamper: () => Promise<unknown>;
    want: () => string[];
  }[] = [
    {
      desc: 'UPDATE trades SET price_fen = 1',
      tamper: () => fixture.deps.db('trades').update({ price_fen: 1 }),
      want: () =>
        [ids.trade, ids.revokedTrade, ids.conditionalTrade, ids.resumedTrade]
          .sort()
          .map((id) => `field_mismatch trade ${id} trades.price_fen`),
    },
    {
      desc: 'a trade row deleted',
      tamper: async () => {
        await fixture.deps.db('entitlements').where({ trade_id: ids.trade }).delete();
        await fixture.deps.db('trades').where({ id: ids.trade }).delete();
      },
      want: () => [`row_missing trade ${ids.trade}`],
    },
    {
      desc: 'a trade row added without an entry',
      tamper: async () => {
        const [row] = await fixture.deps.db('trades').where({ id: ids.trade });
        await fixture.deps
          .db('trades')
          .insert({ ...row, id: 'trd_forged', idempotency_key: 'forged' });
      },
      want: () => ['entry_missing trade trd_forged'],
    },
    {
      desc: 'a review decision flipped',
      tamper: () =>
        fixture.deps.db('reviews').where({ id: ids.review }).update({ state: 'rejected' }),
      want: () => [`field_mismatch review_decision ${ids.review} reviews.decision`],
    },
    {
      desc: 'a listing price edited behind the service',
      tamper: () => fixture.deps.db('listings').where({ id: ids.listing }).update({ price_fen: 1 }),
      want: () => [
        `field_mismatch listing ${ids.listing} listings (terms: price_fen, licence, purposes, metadata…)`,
      ],
    },
    {
      desc: 'a listing reinstated behind the service',
      tamper: () =>
        fixture.deps.db('listings').where({ id: ids.listing }).update({ state: 'suspended' }),
      want: () => [`field_mismatch listing ${ids.listing} listings.state`],
    },
    {
      desc: 'an access decision widened',
      tamper: () =>
        fixture.deps
          .db('access_requests')
          .where({ id: ids.request })
          .update({
            approved_columns_json: JSON.stringify(['age_band', 'region', 'sex', 'visits']),
          }),
      want: () => [
        `field_mismatch access_decision ${ids.request} access_requests.approved_columns`,
      ],
    },
    {
      desc: 'a revocation undone',
      tamper: () => setEntitlementState(ids.revokedEntitlement, 'active'),
      // Its latest suspension entry (suspended, before the revocation) disagrees too.
      want: () => [
        `field_mismatch entitlement_revocation ${ids.revokedEntitlement} entitlements.state`,
        `field_mismatch entitlement_suspension ${ids.revokedEntitlement} entitlements.state`,
      ],
    },
    {
      desc: 'a suspension lifted behind the service',
      tamper: () => setEntitlementState(ids.suspendedEntitlement, 'active'),
      want: () => [
        `field_mismatch entitlement_suspension ${ids.suspendedEntitlement} entitlements.state`,
      ],
    },
    {
      desc: 'a resumed entitlement suspended again behind the service',
      tamper: () => setEntitlementState(ids.resumedEntitlement, 'suspended'),
      want: () => [
        `field_mismatch entitlement_suspension ${ids.resumedEntitlement} entitlements.state`,
      ],
    },
    {
      desc: 'an entitlement suspended without an entry',
      tamper: () => setEntitlementState(ids.entitlement, 'suspended'),
      want: () => [`entry_missing entitlement_suspension ${ids.entitlement}`],
    },
  ];

  describe('the start check', () => {
    const startCheck = (windowEntries: number) =>
      new ReconciliationService(
        {
          ...fixture.deps,
          config: { ...fixture.deps.config, ledgerReconcileStartEntries: windowEntries },
        },
        services.ledger,
      );

    it('reconciles a short log in full and reports consistent', async () => {
      const check = startCheck(1000);
      expect(check.status().status).to.equal('not_checked');
      const report = await check.checkAtStart();
      expect(report?.scope).to.equal('full');
      expect(check.status()).to.deep.equal({ status: 'consistent', differences: 0 });
    });

    it('beyond its window, reads the latest entries and counts rows: a trade without an entry shows', async () => {
      const [row] = await fixture.deps.db('trades').where({ id: ids.trade });
      await fixture.deps
        .db('trades')
        .insert({ ...row, id: 'trd_forged', idempotency_key: 'forged' });
      const check = startCheck(2);
      const report = await check.checkAtStart();
      expect(report?.scope).to.equal('window');
      expect(summary(report?.differences ?? [])).to.deep.equal(['count_mismatch trade *']);
      expect(check.status()).to.deep.equal({ status: 'differences', differences: 1 });
    });

    it('beyond its window, still reports an edited row the latest entries name', async () => {
      await fixture.deps
        .db('trades')
        .where({ id: ids.conditionalTrade })
        .update({ purpose: 'marketing' });
      const report = await startCheck(2).checkAtStart();
      expect(summary(report?.differences ?? [])).to.deep.equal([
        `field_mismatch trade ${ids.conditionalTrade} trades.purpose`,
      ]);
    });

    it('is skipped when LEDGER_RECONCILE_START_ENTRIES is 0', async () => {
      const check = startCheck(0);
      expect(await check.checkAtStart()).to.equal(undefined);
      expect(check.status().status).to.equal('not_checked');
    });
  });

  for (const { desc, tamper, want } of cases) {
    it(`reports ${desc} by id and column`, async () => {
      await tamper();
      const report = await services.reconciliation.reconcileAll();
      expect(summary(report.differences)).to.deep.equal(want());
    });
  }
});
