// The buyer workflow over HTTP against the real gateway: access request → order → query/download → events,
// idempotent concurrent orders, problem+json for refusals and bad queries, and a route enumeration
// proving a buyer never reaches raw data or another buyer's entitlement.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import type { ServiceDeps } from '../../src/services/deps.js';
import { routerFactories } from '../../src/http/routes/index.js';
import { API_BASE_PATH } from '../../src/http/define-route.js';
import { FileBlobStore } from '../../src/store/file-blob-store.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import { createListingFixture, type ListingFixture } from '../helpers/buyer-workflow.js';

describe('http buyers', function () {
  this.timeout(60_000);
  let gateway: TestGateway;
  let provider: TestMember;
  let buyerA: TestMember;
  let buyerB: TestMember;
  let conditional: ListingFixture;
  let open: ListingFixture;
  const ids: Record<string, string> = {};

  const listingFixture = (options: Parameters<typeof createListingFixture>[1]) => {
    const deps = {
      db: gateway.db,
      clock: gateway.clock,
      // Non-raw blobs are stored in clear under DATA_DIR/blobs, so any key writes what the gateway reads.
      blobs: new FileBlobStore(gateway.dataDir, randomBytes(32)),
    } as unknown as ServiceDeps;
    return createListingFixture(deps, {
      ...options,
      providerOrganizationId: provider.organization.id,
    });
  };

  before(async () => {
    gateway = await startTestGateway();
    provider = await gateway.createMember(['provider']);
    buyerA = await gateway.createMember(['buyer']);
    buyerB = await gateway.createMember(['buyer']);
    conditional = await listingFixture({ sharingType: 'conditional' });
    open = await listingFixture({ sharingType: 'unconditional' });
  });
  after(() => gateway.stop());

  it('runs access request → refusal refused → approval → order → query → download → events', async () => {
    const submitted = await gateway.request('POST', '/api/v1/access-requests', {
      key: buyerA.key,
      body: {
        listingId: conditional.listingId,
        purpose: 'research',
        intendedUse: 'Outpatient visits by age band.',
        requestedDurationDays: 30,
        columns: ['age_band', 'sex', 'visits'],
      },
    });
    expect(submitted.status, submitted.text).to.equal(201);
    expect(submitted.json.deadlineLocal).to.equal('2026-01-08T00:00:00+08:00');
    ids.accessRequest = submitted.json.id;

    const bare = await gateway.request(
      'POST',
      `/api/v1/access-requests/${ids.accessRequest}/refuse`,
      {
        key: provider.key,
        body: { reasonCode: 'security_risk' },
      },
    );
    expect(bare.status).to.equal(400);
    expect(bare.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(bare.json.code).to.equal('validation_failed');
    expect(bare.json.errors.map((issue: { field: string }) => issue.field)).to.deep.equal([
      'reason',
      'legalBasis',
    ]);

    const approved = await gateway.request(
      'POST',
      `/api/v1/access-requests/${ids.accessRequest}/approve`,
      {
        key: provider.key,
        body: { columns: ['age_band', 'visits'] },
      },
    );
    expect(approved.status, approved.text).to.equal(200);
    expect(approved.json.state).to.equal('approved');

    const ordered = await gateway.request('POST', '/api/v1/orders', {
      key: buyerA.key,
      body: { listingId: conditional.listingId },
      headers: { 'Idempotency-Key': 'http-order-1' },
    });
    expect(ordered.status, ordered.text).to.equal(201);
    ids.trade = ordered.json.trade.id;
    ids.entitlement = ordered.json.entitlement.id;
    expect(ordered.json.entitlement.columns).to.deep.equal(['age_band', 'visits']);
    const replay = await gateway.request('POST', '/api/v1/orders', {
      key: buyerA.key,
      body: { listingId: conditional.listingId },
      headers: { 'Idempotency-Key': 'http-order-1' },
    });
    expect(replay.status).to.equal(200);
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
    expect(replay.json.trade.id).to.equal(ids.trade);

    // The trade's ledger receipt, once the sequencer has placed the entry (202 until then).
    let receipt = await gateway.request('GET', `/api/v1/trades/${ids.trade}/receipt`, {
      key: buyerA.key,
    });
    for (let tries = 0; receipt.status === 202 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      receipt = await gateway.request('GET', `/api/v1/trades/${ids.trade}/receipt`, {
        key: buyerA.key,
      });
    }
    expect(receipt.status, receipt.text).to.equal(200);
    expect(receipt.json.format).to.equal('anonex-receipt/1');
    expect(JSON.parse(receipt.json.entry)).to.include({ kind: 'trade', trade_id: ids.trade });
    const strangerReceipt = await gateway.request('GET', `/api/v1/trades/${ids.trade}/receipt`, {
      key: buyerB.key,
    });
    expect(strangerReceipt.status).to.equal(404);

    const answer = await gateway.request('POST', `/api/v1/entitlements/${ids.entitlement}/query`, {
      key: buyerA.key,
      body: {
        groupBy: ['age_band'],
        aggregates: [{ fn: 'count', as: 'n' }],
        orderBy: [{ column: 'age_band' }],
      },
    });
    expect(answer.status, answer.text).to.equal(200);
    expect(answer.json.rows).to.deep.equal([
      ['20-29', 60],
      ['30-39', 60],
      ['40-49', 60],
      ['50-59', 60],
    ]);

    const bad = await gateway.request('POST', `/api/v1/entitlements/${ids.entitlement}/query`, {
      key: buyerA.key,
      body: { select: ['sex'], where: [{ column: 'visits', op: 'like', value: 3 }] },
    });
    expect(bad.status).to.equal(400);
    expect(bad.json.code).to.equal('query_invalid');
    expect(bad.json.errors.map((issue: { field: string }) => issue.field)).to.deep.equal([
      '$.where[0].op',
      '$.select[0]',
    ]);

    const download = await gateway.request(
      'GET',
      `/api/v1/entitlements/${ids.entitlement}/download?format=csv`,
      {
        key: buyerA.key,
      },
    );
    expect(download.status).to.equal(200);
    expect(download.headers.get('content-type')).to.match(/^text\/csv/);
    expect(download.headers.get('anonex-watermark')).to.equal(
      ordered.json.trade.fingerprintWatermark,
    );
    expect(download.text.split('\n')[0]).to.equal('age_band,visits');
    expect(download.text.trim().split('\n')).to.have.length(241);

    const feed = await gateway.request('GET', '/api/v1/events', { key: buyerA.key });
    expect(feed.status).to.equal(200);
    expect(feed.json.events.map((event: { kind: string }) => event.kind)).to.deep.equal([
      'access_request.submitted',
      'access_request.approved',
      'trade.created',
    ]);
    const after = await gateway.request('GET', `/api/v1/events?after=${feed.json.cursor}`, {
      key: buyerA.key,
    });
    expect(after.json.events).to.deep.equal([]);

    const usage = await gateway.request(
      'GET',
      `/api/v1/data-access?side=provider&listingId=${conditional.listingId}`,
      {
        key: provider.key,
      },
    );
    expect(usage.status).to.equal(200);
    expect(
      usage.json.items.map((item: { kind: string; purpose: string }) => [item.kind, item.purpose]),
    ).to.deep.equal([
      ['download', 'research'],
      ['query', 'research'],
    ]);
  });

  it('escalates an unanswered request to the admins: their queue and their events feed', async () => {
    const submitted = await gateway.request('POST', '/api/v1/access-requests', {
      key: buyerB.key,
      body: {
        listingId: conditional.listingId,
        purpose: 'public_health',
        intendedUse: 'Planning of clinic opening hours.',
        requestedDurationDays: 10,
        columns: ['age_band'],
      },
    });
    expect(submitted.status, submitted.text).to.equal(201);
    const start = gateway.clock.nowMs();
    gateway.clock.set(submitted.json.deadlineMs);
    await gateway.services.accessRequests.escalateOverdueAccessRequests();
    gateway.clock.set(start);
    const queue = await gateway.request('GET', '/api/v1/access-requests?queue=authority', {
      key: gateway.admin.key,
    });
    expect(queue.status).to.equal(200);
    expect(
      queue.json.items.map((item: { id: string; state: string }) => [item.id, item.state]),
    ).to.deep.include([submitted.json.id, 'overdue']);
    const feed = await gateway.request('GET', '/api/v1/events', { key: gateway.admin.key });
    expect(
      feed.json.events.filter(
        (event: { kind: string; subjectId: string }) => event.subjectId === submitted.json.id,
      ),
    ).to.have.length(1);
    const notAdmin = await gateway.request('GET', '/api/v1/access-requests?queue=authority', {
      key: buyerB.key,
    });
    expect(notAdmin.status).to.equal(403);
  });

  it('creates one trade from concurrent orders with one Idempotency-Key', async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, () =>
        gateway.request('POST', '/api/v1/orders', {
          key: buyerB.key,
          body: { listingId: open.listingId, purpose: 'research' },
          headers: { 'Idempotency-Key': 'http-concurrent' },
        }),
      ),
    );
    expect(replies.map((reply) => reply.status).sort()).to.deep.equal([
      200, 200, 200, 200, 200, 201,
    ]);
    expect(new Set(replies.map((reply) => reply.json.trade.id)).size).to.equal(1);
    ids.tradeB = replies[0].json.trade.id;
    ids.entitlementB = replies[0].json.entitlement.id;
  });

  it('denies a revoked entitlement with problem+json and notifies the buyer', async () => {
    const listing = await listingFixture({ sharingType: 'unconditional' });
    const ordered = await gateway.request('POST', '/api/v1/orders', {
      key: buyerA.key,
      body: { listingId: listing.listingId, purpose: 'research' },
    });
    const entitlementId = ordered.json.entitlement.id;
    const noReason = await gateway.request('POST', `/api/v1/entitlements/${entitlementId}/revoke`, {
      key: provider.key,
      body: {},
    });
    expect(noReason.status).to.equal(400);
    const revoked = await gateway.request('POST', `/api/v1/entitlements/${entitlementId}/revoke`, {
      key: provider.key,
      body: { reason: 'Terms breached.' },
    });
    expect(revoked.status, revoked.text).to.equal(200);
    const denied = await gateway.request('GET', `/api/v1/entitlements/${entitlementId}/download`, {
      key: buyerA.key,
    });
    expect(denied.status).to.equal(403);
    expect(denied.json.type).to.equal('urn:anonex:problem:entitlement_revoked');
  });

  it("never lets a buyer reach raw data or another buyer's entitlement, on any route", async () => {
    const rawMarker = '11010519491231002X';
    const candidates = [
      conditional.listingId,
      open.listingId,
      conditional.rawSha256,
      conditional.artifactSha256,
      `ds_${conditional.listingId.slice(4)}`,
      `job_${conditional.listingId.slice(4)}`,
      `rev_${conditional.listingId.slice(4)}`,
      ids.entitlement,
      ids.trade,
      ids.accessRequest,
    ];
    const routes = routerFactories.flatMap((factory) => {
      const router = factory(gateway.services);
      return router.routes.map((route) => ({
        method: route.method,
        path: `${router.basePath ?? API_BASE_PATH}${route.path}`,
      }));
    });
    expect(routes.length).to.be.greaterThan(30);
    let requests = 0;
    for (const route of routes) {
      const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]);
      const fills =
        names.length === 0
          ? [route.path]
          : candidates.map((id) => route.path.replace(/:[A-Za-z0-9_]+/g, id));
      for (const path of fills) {
        for (const suffix of /download|export|raw|content/.test(route.path)
          ? ['', '?format=jsonl']
          : ['']) {
          // Raw fetch: some routes stream JSON Lines, which the helper would try to parse as one JSON.
          const response = await fetch(`${gateway.url}${path}${suffix}`, {
            method: route.method.toUpperCase(),
            headers: { authorization: `Bearer ${buyerB.key}`, 'content-type': 'application/json' },
            ...(route.method === 'get' ? {} : { body: '{}' }),
          });
          const reply = { status: response.status, text: await response.text() };
          requests++;
          expect(reply.text, `${route.method} ${path}`).to.not.include(rawMarker);
          expect(reply.text, `${route.method} ${path}`).to.not.include('张伟');
          if (
            path.includes(ids.entitlement) ||
            path.includes(ids.trade) ||
            path.includes(ids.accessRequest)
          ) {
            expect(
              [400, 401, 403, 404, 405, 409, 415],
              `${route.method} ${path} → ${reply.status}`,
            ).to.include(reply.status);
          }
        }
      }
    }
    expect(requests).to.be.greaterThan(100);
    const own = await fetch(
      `${gateway.url}/api/v1/entitlements/${ids.entitlementB}/download?format=jsonl`,
      {
        headers: { authorization: `Bearer ${buyerB.key}` },
      },
    );
    const ownText = await own.text();
    expect(own.status).to.equal(200);
    expect(ownText).to.not.include(rawMarker);
    expect(ownText.trim().split('\n')).to.have.length(240);
  });
});
