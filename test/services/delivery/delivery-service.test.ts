// Delivery: fingerprinted copies per trade, attribution of a leak, queries with k suppression, logged access.
import { expect } from 'chai';
import { readTable } from '../../../src/core/table/index.js';
import { DeliveryService, PREPARED_LISTING_ROWS } from '../../../src/services/delivery/index.js';
import type { ServingArtifacts } from '../../../src/services/delivery/index.js';
import type { ListingFingerprintPlans } from '../../../src/services/fingerprints/index.js';
import { EntitlementService } from '../../../src/services/entitlements/index.js';
import { OrderService } from '../../../src/services/orders/index.js';
import {
  buyerWorkflowContexts,
  createBuyerFixture,
  createListingFixture,
  type BuyerFixture,
  type ListingFixture,
} from '../../helpers/buyer-workflow.js';
import { codeOf } from '../../helpers/service-fixture.js';

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

describe('services/delivery', () => {
  let fixture: BuyerFixture;
  let listing: ListingFixture;
  let delivery: DeliveryService;
  let ctx: ReturnType<typeof buyerWorkflowContexts>;
  let entitlementA: string;
  let entitlementB: string;
  let tradeA: string;
  let tradeB: string;

  before(async () => {
    fixture = await createBuyerFixture();
    const entitlements = new EntitlementService(fixture.deps);
    delivery = new DeliveryService(fixture.deps, entitlements);
    const orders = new OrderService(fixture.deps);
    listing = await createListingFixture(fixture.deps);
    ctx = buyerWorkflowContexts(listing.providerOrganizationId);
    const a = await orders.placeOrder(ctx.buyerA, {
      listingId: listing.listingId,
      purpose: 'research',
      columns: ['age_band', 'sex', 'visits'],
    });
    const b = await orders.placeOrder(ctx.buyerB, {
      listingId: listing.listingId,
      purpose: 'public_health',
    });
    [entitlementA, entitlementB, tradeA, tradeB] = [
      a.entitlement.id,
      b.entitlement.id,
      a.trade.id,
      b.trade.id,
    ];
  });
  after(() => fixture.destroy());

  it('gives each buyer the same rows of their entitled columns in a different order', async () => {
    const copyA = (
      await collect((await delivery.downloadEntitledData(ctx.buyerA, entitlementA, 'csv')).chunks)
    ).toString();
    const copyB = (
      await collect((await delivery.downloadEntitledData(ctx.buyerB, entitlementB, 'csv')).chunks)
    ).toString();
    const linesA = copyA.trim().split('\n');
    const linesB = copyB.trim().split('\n');
    expect(linesA[0]).to.equal('age_band,sex,visits');
    expect(linesB[0]).to.equal('age_band,region,sex,visits');
    expect(linesA).to.have.length(241);
    const project = (line: string) => {
      const [band, , sex, visits] = line.split(',');
      return `${band},${sex},${visits}`;
    };
    expect([...linesA.slice(1)].sort()).to.deep.equal(linesB.slice(1).map(project).sort());
    expect(linesA.slice(1)).to.not.deep.equal(linesB.slice(1).map(project));
  });

  it('delivers the same order on every download of one trade, with its watermark', async () => {
    const first = await delivery.downloadEntitledData(ctx.buyerA, entitlementA, 'jsonl');
    const second = await delivery.downloadEntitledData(ctx.buyerA2, entitlementA, 'jsonl');
    expect((await collect(first.chunks)).equals(await collect(second.chunks))).to.equal(true);
    expect(first.watermark).to.match(/^[0-9a-f]{16}$/);
    expect(first.contentType).to.equal('application/jsonl; charset=utf-8');
  });

  for (const format of ['csv', 'jsonl', 'arrow']) {
    it(`streams a ${format} copy that reads back with every row`, async () => {
      const download = await delivery.downloadEntitledData(ctx.buyerB, entitlementB, format);
      const { table } = readTable(await collect(download.chunks));
      expect(table.numRows()).to.equal(240);
      expect(table.columnNames()).to.deep.equal(['age_band', 'region', 'sex', 'visits']);
    });
  }

  it('attributes a leaked partial copy to the trade it came from', async () => {
    for (const [entitlementId, who, tradeId] of [
      [entitlementA, ctx.buyerA, tradeA],
      [entitlementB, ctx.buyerB, tradeB],
    ] as const) {
      const text = (
        await collect((await delivery.downloadEntitledData(who, entitlementId, 'csv')).chunks)
      ).toString();
      const lines = text.trim().split('\n');
      const leaked = [lines[0], ...lines.slice(1).filter((_, i) => i % 4 !== 0)].join('\n');
      const attribution = await delivery.attributeLeakedCopy(
        ctx.provider,
        listing.listingId,
        Buffer.from(leaked),
      );
      expect(attribution.verdict).to.equal('attributed');
      expect(attribution.tradeId).to.equal(tradeId);
    }
    expect(
      await codeOf(
        delivery.attributeLeakedCopy(ctx.otherProvider, listing.listingId, Buffer.from('a\n1')),
      ),
    ).to.equal('not_found');
  });

  it('answers a grouped query and suppresses groups below k', async () => {
    const answer = await delivery.queryEntitledData(ctx.buyerA, entitlementA, {
      where: [{ column: 'age_band', op: 'in', value: ['20-29', '30-39'] }],
      groupBy: ['sex', 'visits'],
      aggregates: [{ fn: 'count', as: 'n' }],
      orderBy: [{ column: 'n', direction: 'desc' }],
    });
    expect(answer.minimumGroupSize).to.equal(5);
    expect(answer.columns).to.deep.equal(['sex', 'visits', 'n']);
    expect(answer.suppressedGroups).to.be.greaterThan(0);
    expect(answer.rows.every((row) => (row[2] as number) >= 5)).to.equal(true);
    expect(answer.purpose).to.equal('research');
    const totals = await delivery.queryEntitledData(ctx.buyerA, entitlementA, {
      groupBy: ['age_band'],
      aggregates: [
        { fn: 'count', as: 'n' },
        { fn: 'sum', column: 'visits' },
      ],
      orderBy: [{ column: 'age_band' }],
    });
    expect(totals.rows.map((row) => row.slice(0, 2))).to.deep.equal([
      ['20-29', 60],
      ['30-39', 60],
      ['40-49', 60],
      ['50-59', 60],
    ]);
  });

  it('serves queries and downloads beyond SERVING_ACCESSES_IN_FLIGHT in turn, and frees the place of a dropped download', async () => {
    const one = new DeliveryService(
      { ...fixture.deps, config: { ...fixture.deps.config, servingAccessesInFlight: 1 } },
      new EntitlementService(fixture.deps),
      delivery.serving,
      delivery.plans,
    );
    const query = { groupBy: ['sex'], aggregates: [{ fn: 'count', as: 'n' }] };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => one.queryEntitledData(ctx.buyerA, entitlementA, query)),
    );
    expect(answers.map((answer) => answer.matchedRows)).to.deep.equal([240, 240, 240, 240]);
    // Dropped before its first chunk (a client gone while it was prepared): its place comes back.
    const dropped = await one.downloadEntitledData(ctx.buyerA, entitlementA, 'csv');
    await dropped.chunks[Symbol.asyncIterator]().return?.();
    // Held while read: the next download starts only once the last byte of this one was taken.
    const reading = await one.downloadEntitledData(ctx.buyerA, entitlementA, 'csv');
    let nextStarted = false;
    const next = one.downloadEntitledData(ctx.buyerB, entitlementB, 'csv').then((download) => {
      nextStarted = true;
      return download;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(nextStarted).to.equal(false);
    expect((await collect(reading.chunks)).toString().trim().split('\n')).to.have.length(241);
    expect((await collect((await next).chunks)).toString().trim().split('\n')).to.have.length(241);
  });

  it('refuses queries naming columns outside the entitlement, with the JSON path', async () => {
    try {
      await delivery.queryEntitledData(ctx.buyerA, entitlementA, { select: ['region'] });
      expect.fail('expected query_invalid');
    } catch (error) {
      expect((error as { code: string }).code).to.equal('query_invalid');
      expect(
        (error as { issues: { field: string }[] }).issues.map((issue) => issue.field),
      ).to.deep.equal(['$.select[0]']);
    }
  });

  it('refuses another buyer organization and expired entitlements', async () => {
    expect(await codeOf(delivery.queryEntitledData(ctx.buyerB, entitlementA, {}))).to.equal(
      'not_found',
    );
    expect(await codeOf(delivery.downloadEntitledData(ctx.buyerB, entitlementA, 'csv'))).to.equal(
      'not_found',
    );
    expect(await codeOf(delivery.downloadEntitledData(ctx.buyerA, entitlementA, 'xlsx'))).to.equal(
      'validation_failed',
    );
    const start = fixture.clock.nowMs();
    fixture.clock.advance(91 * 86_400_000);
    expect(await codeOf(delivery.queryEntitledData(ctx.buyerA, entitlementA, {}))).to.equal(
      'entitlement_expired',
    );
    expect(await codeOf(delivery.downloadEntitledData(ctx.buyerA, entitlementA, 'csv'))).to.equal(
      'entitlement_expired',
    );
    fixture.clock.set(start);
  });

  it('logs every access with entitlement and purpose, visible to the provider', async () => {
    const usage = await delivery.listDataAccess(ctx.provider.principal, 'provider', {
      listingId: listing.listingId,
      limit: 200,
    });
    expect(usage.items.length).to.be.greaterThan(5);
    expect(new Set(usage.items.map((item) => item.purpose))).to.deep.equal(
      new Set(['research', 'public_health']),
    );
    expect(
      usage.items.every(
        (item) => item.entitlementId === entitlementA || item.entitlementId === entitlementB,
      ),
    ).to.equal(true);
    const buyerB = await delivery.listDataAccess(ctx.buyerB.principal, 'buyer', { limit: 200 });
    expect(buyerB.items.every((item) => item.buyerOrganizationId === 'org_buyer_b')).to.equal(true);
    const other = await delivery.listDataAccess(ctx.otherProvider.principal, 'provider', {});
    expect(other.items).to.deep.equal([]);
  });
  it('reads a trade and its job once, the entitlement and the listing on every access', async () => {
    const own = await createListingFixture(fixture.deps, {
      providerOrganizationId: listing.providerOrganizationId,
    });
    const entitlements = new EntitlementService(fixture.deps);
    const order = await new OrderService(fixture.deps).placeOrder(ctx.buyerA, {
      listingId: own.listingId,
      purpose: 'research',
    });
    const statements: string[] = [];
    const onQuery = (query: { sql: string }) => statements.push(query.sql);
    const query = { groupBy: ['sex'], aggregates: [{ fn: 'count', as: 'n' }] };
    await delivery.queryEntitledData(ctx.buyerA, order.entitlement.id, query);
    fixture.deps.db.on('query', onQuery);
    try {
      await delivery.queryEntitledData(ctx.buyerA, order.entitlement.id, query);
    } finally {
      fixture.deps.db.removeListener('query', onQuery);
    }
    const reads = (table: string) =>
      statements.filter((sql) => new RegExp(`^select .* from [\`"]${table}[\`"]`).test(sql));
    expect(reads('entitlements')).to.have.length(1);
    expect(reads('listings')).to.have.length(1);
    expect([...reads('trades'), ...reads('anonymization_jobs')]).to.deep.equal([]);
    // Kept in memory or not, a revocation refuses the very next access.
    await entitlements.revokeEntitlement(ctx.provider, order.entitlement.id, { reason: 'test' });
    expect(
      await codeOf(delivery.queryEntitledData(ctx.buyerA, order.entitlement.id, query)),
    ).to.equal('entitlement_revoked');
  });
  it('prepares a large listing when it is published, and leaves a small one to its first access', async () => {
    const small = await createListingFixture(fixture.deps);
    const large = await createListingFixture(fixture.deps);
    const jobOf = async (listingId: string) =>
      (
        (await fixture.deps.db('listings').where({ id: listingId }).first('job_id')) as {
          job_id: string;
        }
      ).job_id;
    await fixture.deps
      .db('anonymization_jobs')
      .where({ id: await jobOf(large.listingId) })
      .update({ summary_json: JSON.stringify({ k: 5, rows: PREPARED_LISTING_ROWS }) });
    // What preparing does: this gateway's serving copy, and the listing's fingerprint plan.
    const opened: string[] = [];
    const planned: string[] = [];
    const serving = {
      open: async (sha256: string) => (opened.push(sha256), { release: () => undefined }),
    } as unknown as ServingArtifacts;
    const plans = {
      markOf: async (offer: { id: string }) => (
        planned.push(offer.id),
        { kind: 'unmarked', reason: 'plan_unavailable' }
      ),
    } as unknown as ListingFingerprintPlans;
    const preparing = new DeliveryService(
      fixture.deps,
      new EntitlementService(fixture.deps),
      serving,
      plans,
    );
    await preparing.prepareListing(small.listingId);
    await preparing.prepareListing(large.listingId);
    await preparing.prepareListing('lst_missing');
    expect({ opened, planned }).to.deep.equal({
      opened: [large.artifactSha256],
      planned: [large.listingId],
    });
  });
});
