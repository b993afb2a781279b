// Orders: trade and entitlement created atomically, idempotent under concurrent repeats, conditional listings gated.
import { expect } from 'chai';
import { AccessRequestService } from '../../../src/services/access-requests/index.js';
import { OrderService } from '../../../src/services/orders/index.js';
import { EntitlementService } from '../../../src/services/entitlements/index.js';
import type { RequestContext } from '../../../src/services/request-context.js';
import {
  BUYER_START_MS,
  buyerWorkflowContexts,
  createBuyerFixture,
  createListingFixture,
  type BuyerFixture,
  type ListingFixture,
} from '../../helpers/buyer-workflow.js';
import { openEntry } from '../../../src/core/ledger/index.js';
import { findLedgerOpenings } from '../../../src/store/repositories/ledger-openings.js';
import { codeOf, errorOf } from '../../helpers/service-fixture.js';

describe('services/orders', () => {
  let fixture: BuyerFixture;
  let listing: ListingFixture;
  let orders: OrderService;
  let ctx: ReturnType<typeof buyerWorkflowContexts>;

  before(async () => {
    fixture = await createBuyerFixture();
    orders = new OrderService(fixture.deps, {
      receiptForOutboxEntry: async (outboxId) =>
        outboxId > 0 ? { index: outboxId - 1 } : undefined,
    });
  });
  after(() => fixture.destroy());
  beforeEach(async () => {
    listing = await createListingFixture(fixture.deps);
    ctx = buyerWorkflowContexts(listing.providerOrganizationId);
  });

  const order = (extra: Record<string, unknown> = {}) => ({
    listingId: listing.listingId,
    purpose: 'research',
    intendedUse: 'Visit statistics',
    ...extra,
  });

  it('creates a trade and an entitlement pinned to the listing revision and its hashes, with a ledger entry', async () => {
    const result = await orders.placeOrder(
      ctx.buyerA,
      order({ columns: ['age_band', 'visits'] }),
      'key-1',
    );
    expect(result.created).to.equal(true);
    expect(result.trade).to.include({
      listingId: listing.listingId,
      listingRevision: 1,
      artifactSha256: listing.artifactSha256,
      buyerOrganizationId: 'org_buyer_a',
      providerOrganizationId: listing.providerOrganizationId,
      priceFen: 120000,
    });
    expect(result.trade).to.not.have.property('fingerprintKey');
    expect(result.entitlement).to.include({
      tradeId: result.trade.id,
      purpose: 'research',
      status: 'active',
    });
    expect(result.entitlement.columns).to.deep.equal(['age_band', 'visits']);
    expect(result.entitlement.expiresAtMs - result.entitlement.startsAtMs).to.equal(
      90 * 86_400_000,
    );
    const [entry] = await fixture.deps
      .db('ledger_outbox')
      .where({ id: result.trade.ledgerOutboxId });
    const signed = JSON.parse(entry.entry_json);
    // The public entry commits to the commercial fields; the stored openings open them.
    expect(Object.keys(signed.commitments).sort()).to.deep.equal([
      'access_request_id',
      'buyer_organization_id',
      'entitlement',
      'fingerprint',
      'price_fen',
      'purpose',
    ]);
    expect(entry.entry_json).not.to.include(ctx.buyerA.principal.organizationId);
    expect(entry.entry_json).not.to.include('research');
    const openings = await findLedgerOpenings(fixture.deps.db, entry.id);
    expect(openings?.partyOrganizationIds).to.have.members([
      ctx.buyerA.principal.organizationId,
      listing.providerOrganizationId,
    ]);
    const body = openEntry(signed, openings?.openings) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the opened entry's shape is what is tested
    expect(body).to.include({
      kind: 'trade',
      trade_id: result.trade.id,
      artifact_sha256: listing.artifactSha256,
      buyer_organization_id: ctx.buyerA.principal.organizationId,
      purpose: 'research',
    });
    expect(body.fingerprint.watermark).to.equal(result.trade.fingerprintWatermark);
    expect(body.fingerprint.key_sha256).to.match(/^[0-9a-f]{64}$/);
    expect(await orders.tradeReceipt(ctx.buyerA.principal, result.trade.id)).to.deep.equal({
      state: 'sequenced',
      receipt: { index: (result.trade.ledgerOutboxId as number) - 1 },
    });
  });

  it('returns the first trade for a repeated Idempotency-Key, and refuses the key for another body', async () => {
    const first = await orders.placeOrder(ctx.buyerA, order(), 'key-2');
    const again = await orders.placeOrder(ctx.buyerA2, order(), 'key-2');
    expect(again.created).to.equal(false);
    expect(again.trade.id).to.equal(first.trade.id);
    expect(
      await codeOf(orders.placeOrder(ctx.buyerA, order({ purpose: 'public_health' }), 'key-2')),
    ).to.equal('idempotency_conflict');
  });

  it('creates exactly one trade from concurrent orders with one Idempotency-Key', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        orders.placeOrder(i % 2 ? ctx.buyerA : ctx.buyerA2, order(), 'key-concurrent'),
      ),
    );
    const tradeIds = new Set(results.map((result) => result.trade.id));
    expect(tradeIds.size).to.equal(1);
    expect(results.filter((result) => result.created)).to.have.length(1);
    const trades = await fixture.deps.db('trades').where({ listing_id: listing.listingId });
    expect(trades).to.have.length(1);
    const entitlements = await fixture.deps
      .db('entitlements')
      .where({ listing_id: listing.listingId });
    expect(entitlements).to.have.length(1);
    const ledger = (await fixture.deps.db('ledger_outbox').where({ kind: 'trade' })).filter(
      (row: { entry_json: string }) => row.entry_json.includes(listing.listingId),
    );
    expect(ledger).to.have.length(1);
  });

  it('refuses a second order while an entitlement is active', async () => {
    await orders.placeOrder(ctx.buyerA, order(), 'key-3');
    expect(await codeOf(orders.placeOrder(ctx.buyerA, order(), 'key-4'))).to.equal(
      'entitlement_exists',
    );
    const other = await orders.placeOrder(ctx.buyerB, order(), 'key-3');
    expect(other.created).to.equal(true);
  });

  const refusals = [
    {
      desc: 'a purpose the listing does not permit',
      extra: { purpose: 'marketing' },
      code: 'purpose_not_permitted',
    },
    { desc: 'an unknown column', extra: { columns: ['name'] }, code: 'validation_failed' },
    { desc: 'a listing that does not exist', extra: { listingId: 'lst_nope' }, code: 'not_found' },
  ];
  for (const { desc, extra, code } of refusals) {
    it(`refuses an order with ${desc}`, async () => {
      expect(await codeOf(orders.placeOrder(ctx.buyerA, order(extra)))).to.equal(code);
    });
  }

  it('refuses orders on unpublished and not-shared listings, and from non-buyers', async () => {
    const draft = await createListingFixture(fixture.deps, { state: 'draft' });
    const closed = await createListingFixture(fixture.deps, { sharingType: 'none' });
    expect(
      await codeOf(orders.placeOrder(ctx.buyerA, order({ listingId: draft.listingId }))),
    ).to.equal('not_found');
    expect(
      await codeOf(orders.placeOrder(ctx.buyerA, order({ listingId: closed.listingId }))),
    ).to.equal('listing_not_orderable');
    expect(await codeOf(orders.placeOrder(ctx.provider, order()))).to.equal('forbidden');
  });

  it('answers from a kept offer as from a fresh read when the listing is suspended and reinstated', async () => {
    const setState = (state: string) =>
      fixture.deps.db('listings').where({ id: listing.listingId }).update({ state });
    const listingReads: string[] = [];
    const onQuery = (query: { sql: string }) => {
      if (/preview_json|select \*/i.test(query.sql) && /listings/.test(query.sql))
        listingReads.push(query.sql);
    };
    fixture.deps.db.on('query', onQuery);
    try {
      expect((await orders.placeOrder(ctx.buyerA, order())).created).to.equal(true);
      expect(listingReads.length, 'the first order reads the listing').to.equal(1);
      await setState('suspended');
      // Refused first for the listing, also with a purpose the listing does not permit.
      expect(await codeOf(orders.placeOrder(ctx.buyerB, order({ purpose: 'marketing' })))).to.equal(
        'not_found',
      );
      expect(await codeOf(orders.placeOrder(ctx.buyerB, order()))).to.equal('not_found');
      await setState('published');
      expect((await orders.placeOrder(ctx.buyerB, order())).created).to.equal(true);
      const reads = listingReads.length;
      expect(await codeOf(orders.placeOrder(ctx.buyerA, order()))).to.equal('entitlement_exists');
      expect(listingReads.length, 'a kept offer reads no listing row').to.equal(reads);
    } finally {
      fixture.deps.db.removeListener('query', onQuery);
    }
  });

  it('needs an approved access request for a conditional listing, and takes its purpose and columns', async () => {
    const conditional = await createListingFixture(fixture.deps, { sharingType: 'conditional' });
    const requests = new AccessRequestService(fixture.deps);
    const provider = buyerWorkflowContexts(conditional.providerOrganizationId).provider;
    expect(
      await codeOf(orders.placeOrder(ctx.buyerA, { listingId: conditional.listingId })),
    ).to.equal('access_request_required');
    const pending = await requests.submitAccessRequest(ctx.buyerA, {
      listingId: conditional.listingId,
      purpose: 'public_health',
      intendedUse: 'Vaccination planning by age band.',
      requestedDurationDays: 20,
      columns: ['age_band', 'sex', 'visits'],
    });
    expect(
      await codeOf(
        orders.placeOrder(ctx.buyerA, {
          listingId: conditional.listingId,
          accessRequestId: pending.id,
        }),
      ),
    ).to.equal('access_request_required');
    await requests.approveAccessRequest(provider, pending.id, {
      columns: ['age_band', 'visits'],
      durationDays: 10,
    });
    expect(
      await codeOf(
        orders.placeOrder(ctx.buyerB, {
          listingId: conditional.listingId,
          accessRequestId: pending.id,
        }),
      ),
    ).to.equal('access_request_required');
    const placed = await orders.placeOrder(
      ctx.buyerA,
      { listingId: conditional.listingId },
      'key-cond',
    );
    expect(placed.trade.accessRequestId).to.equal(pending.id);
    expect(placed.entitlement.purpose).to.equal('public_health');
    expect(placed.entitlement.columns).to.deep.equal(['age_band', 'visits']);
    expect(placed.entitlement.expiresAtMs - placed.entitlement.startsAtMs).to.equal(
      10 * 86_400_000,
    );
  });

  describe('one entitlement per approval', () => {
    let conditional: ListingFixture;
    let provider: RequestContext;
    const requests = () => new AccessRequestService(fixture.deps);

    beforeEach(async () => {
      conditional = await createListingFixture(fixture.deps, { sharingType: 'conditional' });
      provider = buyerWorkflowContexts(conditional.providerOrganizationId).provider;
    });
    afterEach(() => fixture.clock.set(BUYER_START_MS));

    async function approvedRequest(): Promise<string> {
      const request = await requests().submitAccessRequest(ctx.buyerA, {
        listingId: conditional.listingId,
        purpose: 'public_health',
        intendedUse: 'Vaccination planning by age band.',
        requestedDurationDays: 20,
        columns: ['age_band', 'sex', 'visits'],
      });
      await requests().approveAccessRequest(provider, request.id, { durationDays: 10 });
      return request.id;
    }
    const orderOn = (accessRequestId: string, key: string, extra: Record<string, unknown> = {}) =>
      orders.placeOrder(
        ctx.buyerA,
        { listingId: conditional.listingId, accessRequestId, ...extra },
        key,
      );

    it('a revoked entitlement consumes its access request: ordering again needs a new decision', async () => {
      const first = await approvedRequest();
      const placed = await orderOn(first, 'revoke-1');
      await new EntitlementService(fixture.deps).revokeEntitlement(
        provider,
        placed.entitlement.id,
        { reason: 'Shared with a third party.' },
      );
      const refusal = await errorOf(orderOn(first, 'revoke-2'));
      expect(refusal.code).to.equal('access_request_used');
      expect(refusal.details).to.deep.include({ accessRequestId: first, tradeId: placed.trade.id });
      // Without naming a request, the used one is not picked either.
      expect(
        await codeOf(orders.placeOrder(ctx.buyerA, { listingId: conditional.listingId }, 'r-3')),
      ).to.equal('access_request_required');
      const second = await approvedRequest();
      const again = await orders.placeOrder(
        ctx.buyerA,
        { listingId: conditional.listingId },
        'revoke-4',
      );
      expect(again.trade.accessRequestId).to.equal(second);
    });

    it('an expired entitlement does not make its approved request reusable', async () => {
      const first = await approvedRequest();
      const placed = await orderOn(first, 'expire-1');
      fixture.clock.set(placed.entitlement.expiresAtMs + 1);
      expect(await codeOf(orderOn(first, 'expire-2'))).to.equal('access_request_used');
      // The first order's key still replays the first trade.
      expect((await orderOn(first, 'expire-1')).trade.id).to.equal(placed.trade.id);
    });

    it('places one trade from concurrent orders on one approved request', async () => {
      const first = await approvedRequest();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, (_, index) => orderOn(first, `race-${index}`)),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).to.have.length(1);
      const trades = await fixture.deps.db('trades').where({ access_request_id: first });
      expect(trades).to.have.length(1);
    });

    const conflicts = [
      { field: 'purpose', extra: { purpose: 'marketing' } },
      { field: 'columns', extra: { columns: ['age_band', 'sex', 'visits', 'region'] } },
      { field: 'columns', extra: { columns: ['age_band'] } },
    ];
    for (const { field, extra } of conflicts) {
      it(`refuses an order whose ${field} differs from the approved request (${JSON.stringify(extra)})`, async () => {
        const first = await approvedRequest();
        const refusal = await errorOf(orderOn(first, `conflict-${field}`, extra));
        expect(refusal.code).to.equal('validation_failed');
        expect(refusal.issues.map((issue) => issue.field)).to.deep.equal([field]);
        expect(await fixture.deps.db('trades').where({ access_request_id: first })).to.have.length(
          0,
        );
      });
    }

    it('accepts the approved purpose and columns repeated in the order', async () => {
      const first = await approvedRequest();
      const placed = await orderOn(first, 'same', {
        purpose: 'public_health',
        columns: ['visits', 'sex', 'age_band'],
      });
      expect(placed.entitlement.columns).to.deep.equal(['age_band', 'sex', 'visits']);
    });
  });

  it('shows a trade to its parties and admins only', async () => {
    const { trade } = await orders.placeOrder(ctx.buyerA, order(), 'key-5');
    expect((await orders.getTrade(ctx.provider.principal, trade.id)).id).to.equal(trade.id);
    expect((await orders.getTrade(ctx.admin.principal, trade.id)).id).to.equal(trade.id);
    expect(await codeOf(orders.getTrade(ctx.buyerB.principal, trade.id))).to.equal('not_found');
    expect(await codeOf(orders.getTrade(ctx.otherProvider.principal, trade.id))).to.equal(
      'not_found',
    );
    expect(await codeOf(orders.tradeReceipt(ctx.buyerB.principal, trade.id))).to.equal('not_found');
    const mine = await orders.listTrades(ctx.buyerB.principal, 'buyer', {});
    expect(mine.items.map((item) => item.id)).to.not.include(trade.id);
  });
});
