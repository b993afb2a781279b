// The order write batch: concurrent orders written together in one transaction, each still getting
// its own answer (a refusal of one never fails its neighbours), idempotent keys honoured inside a
// batch, and one ledger outbox entry per trade.
import { expect } from 'chai';
import { OrderService } from '../../../src/services/orders/index.js';
import { OrderWriteBatch, type PreparedOrder } from '../../../src/services/orders/order-batch.js';
import {
  findEntitlementOfTrade,
  findTrade,
  type EntitlementRecord,
  type TradeRecord,
} from '../../../src/store/repositories/trades.js';
import { contextOf } from '../../helpers/service-fixture.js';
import { findLedgerOpenings } from '../../../src/store/repositories/ledger-openings.js';
import { COMMITMENT_SALT_BYTES, commitmentOf } from '../../../src/core/ledger/commitments.js';
import {
  createBuyerFixture,
  createListingFixture,
  type BuyerFixture,
} from '../../helpers/buyer-workflow.js';

describe('services/orders: the write batch', () => {
  let fixture: BuyerFixture;
  let orders: OrderService;
  const buyers = Array.from({ length: 12 }, (_, i) =>
    contextOf(`mem_b${i}`, `org_b${i}`, ['buyer']),
  );

  before(async () => {
    fixture = await createBuyerFixture();
    orders = new OrderService(fixture.deps);
  });
  after(() => fixture.destroy());

  /** Counts the statements run while `work` runs, and how many of them open a transaction. */
  async function counting<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; statements: number; transactions: number }> {
    let statements = 0;
    let transactions = 0;
    const onQuery = (query: { sql: string }) => {
      statements++;
      if (/^(begin|BEGIN)/.test(query.sql)) transactions++;
    };
    fixture.deps.db.on('query', onQuery);
    try {
      return { result: await work(), statements, transactions };
    } finally {
      fixture.deps.db.removeListener('query', onQuery);
    }
  }

  it('gives every committed field of a batch its own 32-byte salt, and the openings open the entries', async () => {
    const listing = await createListingFixture(fixture.deps);
    const results = await Promise.all(
      buyers
        .slice(0, 6)
        .map((buyer) =>
          orders.placeOrder(buyer, { listingId: listing.listingId, purpose: 'research' }),
        ),
    );
    const salts: string[] = [];
    for (const result of results) {
      const outboxId = result.trade.ledgerOutboxId as number;
      const openings = (await findLedgerOpenings(fixture.deps.db, outboxId))?.openings ?? {};
      const row = await fixture.deps.db('ledger_outbox').where({ id: outboxId }).first();
      const entry = JSON.parse(row.entry_json) as { commitments: Record<string, string> };
      expect(Object.keys(openings)).to.have.members(Object.keys(entry.commitments));
      for (const [name, { salt, value }] of Object.entries(openings)) {
        expect(Buffer.from(salt, 'base64').length).to.equal(COMMITMENT_SALT_BYTES);
        expect(commitmentOf(name, value, Buffer.from(salt, 'base64'))).to.equal(
          entry.commitments[name],
        );
        salts.push(salt);
      }
    }
    expect(salts.length).to.be.above(results.length);
    expect(new Set(salts).size).to.equal(salts.length);
  });

  it('writes concurrent orders in one transaction, each with its own trade and ledger entry', async () => {
    const listing = await createListingFixture(fixture.deps);
    const single = await counting(() =>
      orders.placeOrder(buyers[0], { listingId: listing.listingId, purpose: 'research' }),
    );
    const many = await counting(() =>
      Promise.all(
        buyers
          .slice(1)
          .map((buyer) =>
            orders.placeOrder(buyer, { listingId: listing.listingId, purpose: 'research' }),
          ),
      ),
    );
    expect(many.result.every((r) => r.created)).to.equal(true);
    // The naive oracle: one transaction per order, as many write statements per order as alone.
    // SQLite reads one order at a time, so all reach the batch together; PostgreSQL reads them on
    // several connections, so they may arrive in two or three waves: still far fewer transactions.
    expect(many.transactions)
      .to.be.at.least(1)
      .and.below(many.result.length / 2);
    expect(many.statements).to.be.below(single.statements * many.result.length * 0.6);
    const outboxIds = many.result.map((r) => r.trade.ledgerOutboxId as number);
    expect(new Set(outboxIds).size).to.equal(outboxIds.length);
    const entries = await fixture.deps.db('ledger_outbox').whereIn('id', outboxIds);
    for (const result of many.result) {
      const entry = entries.find((row) => Number(row.id) === result.trade.ledgerOutboxId);
      expect(JSON.parse(entry.entry_json)).to.include({ kind: 'trade', trade_id: result.trade.id });
    }
    const trades = await fixture.deps.db('trades').where({ listing_id: listing.listingId });
    expect(trades).to.have.length(buyers.length);
  });

  it('refuses the second order of one organization for one listing in the same batch, and only that one', async () => {
    const listing = await createListingFixture(fixture.deps);
    const outcomes = await Promise.allSettled([
      orders.placeOrder(buyers[0], { listingId: listing.listingId, purpose: 'research' }),
      orders.placeOrder(buyers[0], { listingId: listing.listingId, purpose: 'research' }),
      orders.placeOrder(buyers[1], { listingId: listing.listingId, purpose: 'research' }),
    ]);
    // Which of the two is first depends on which read finished first (PostgreSQL reads in parallel).
    const same = outcomes.slice(0, 2);
    const won = same.filter((o) => o.status === 'fulfilled');
    const lost = same.filter((o) => o.status === 'rejected');
    expect([won.length, lost.length, outcomes[2].status]).to.deep.equal([1, 1, 'fulfilled']);
    const refusal = (lost[0] as PromiseRejectedResult).reason as { code: string; details: unknown };
    expect(refusal.code).to.equal('entitlement_exists');
    const winner = (won[0] as PromiseFulfilledResult<{ entitlement: { id: string } }>).value;
    expect(refusal.details).to.deep.equal({ entitlementId: winner.entitlement.id });
  });

  it('answers every order of one Idempotency-Key in a batch with the one trade written', async () => {
    const listing = await createListingFixture(fixture.deps);
    const results = await Promise.all(
      [0, 1, 2, 3].map(() =>
        orders.placeOrder(
          buyers[2],
          { listingId: listing.listingId, purpose: 'research' },
          'same-key',
        ),
      ),
    );
    expect(new Set(results.map((r) => r.trade.id)).size).to.equal(1);
    expect(results.filter((r) => r.created)).to.have.length(1);
    expect(await fixture.deps.db('trades').where({ listing_id: listing.listingId })).to.have.length(
      1,
    );
  });

  it('refuses an order prepared against a listing revision or state that changed before the write', async () => {
    const listing = await createListingFixture(fixture.deps);
    const placed = await orders.placeOrder(buyers[4], {
      listingId: listing.listingId,
      purpose: 'research',
    });
    const trade = (await findTrade(fixture.deps.db, placed.trade.id)) as TradeRecord;
    const entitlement = (await findEntitlementOfTrade(
      fixture.deps.db,
      trade.id,
    )) as EntitlementRecord;
    // The same order for another buyer, as placeOrder would have prepared it.
    const prepare = (listingRevision: number): PreparedOrder => ({
      trade: {
        ...trade,
        id: `trd_${listingRevision}`,
        buyerOrganizationId: 'org_b5',
        listingRevision,
        ledgerOutboxId: null,
      },
      entitlement: {
        ...entitlement,
        id: `ent_${listingRevision}`,
        tradeId: `trd_${listingRevision}`,
        buyerOrganizationId: 'org_b5',
      },
      ledgerEvent: { kind: 'trade', trade_id: `trd_${listingRevision}` },
      audit: {
        actor: 'mem_b5',
        organizationId: 'org_b5',
        action: 'trade.created',
        target: `trd_${listingRevision}`,
        requestId: null,
        atMs: 0,
      },
      event: {
        kind: 'trade.created',
        organizationIds: ['org_b5'],
        subjectId: `trd_${listingRevision}`,
        payload: {},
      },
    });
    const batch = new OrderWriteBatch(fixture.deps);
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'written',
        (error: { code: string }) => error.code,
      );
    expect(await codeOf(batch.write(prepare(99)))).to.equal('not_found');
    await fixture.deps
      .db('listings')
      .where({ id: listing.listingId })
      .update({ state: 'suspended' });
    expect(await codeOf(batch.write(prepare(trade.listingRevision)))).to.equal('not_found');
    expect(await fixture.deps.db('trades').where({ listing_id: listing.listingId })).to.have.length(
      1,
    );
  });
  it('writes one trade when two gateways take the same order at once', async () => {
    // Two services, two write batches: what two gateways sharing one database are. Each batch
    // checks the pair before it inserts; on PostgreSQL the listing rows are locked first, so the
    // second batch sees the first's entitlement instead of racing it.
    const other = new OrderService(fixture.deps);
    for (let round = 0; round < 8; round++) {
      const listing = await createListingFixture(fixture.deps);
      const outcomes = await Promise.allSettled(
        [orders, other].map((gateway) =>
          gateway.placeOrder(buyers[3], { listingId: listing.listingId, purpose: 'research' }),
        ),
      );
      expect(outcomes.map((outcome) => outcome.status).sort()).to.deep.equal([
        'fulfilled',
        'rejected',
      ]);
      expect(
        await fixture.deps.db('trades').where({ listing_id: listing.listingId }),
      ).to.have.length(1);
    }
  });
});
