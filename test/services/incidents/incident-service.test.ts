// The incident workflow over real services: a leaked copy of one trade is filed by the listing's
// provider, attributed in the engine's worker to that trade, the buyer's entitlement suspended and
// the incident closed by the exchange; who may do and see what; the ledger entries and events.
import { expect } from 'chai';
import { ENTITLEMENT_STATES } from '../../../src/domain/index.js';
import { EntitlementService } from '../../../src/services/entitlements/index.js';
import { IncidentService } from '../../../src/services/incidents/index.js';
import { OrderService } from '../../../src/services/orders/index.js';
import {
  buyerWorkflowContexts,
  contextOf,
  createBuyerFixture,
  type BuyerFixture,
} from '../../helpers/buyer-workflow.js';
import { createReleaseListing, type ReleaseListing } from '../../helpers/incident-fixture.js';
import { codeOf } from '../../helpers/service-fixture.js';
import type { Principal } from '../../../src/services/principal.js';

describe('services/incidents', function () {
  // A release of 4,000 visits through the real pipeline, and attributions in worker threads.
  this.timeout(120_000);
  let fixture: BuyerFixture;
  let incidents: IncidentService;
  let entitlements: EntitlementService;
  let release: ReleaseListing;
  let ctx: ReturnType<typeof buyerWorkflowContexts>;
  const buyerC = contextOf('mem_buyer_c', 'org_buyer_c', ['buyer']);
  const trades: Record<string, { trade: string; entitlement: string }> = {};

  before(async () => {
    fixture = await createBuyerFixture();
    incidents = new IncidentService(fixture.deps);
    entitlements = new EntitlementService(fixture.deps);
    const orders = new OrderService(fixture.deps);
    release = await createReleaseListing(fixture.deps, {
      providerOrganizationId: 'org_provider_incident',
    });
    ctx = buyerWorkflowContexts('org_provider_incident');
    for (const [name, context] of Object.entries({ a: ctx.buyerA, b: ctx.buyerB, c: buyerC })) {
      const placed = await orders.placeOrder(context, {
        listingId: release.listing.listingId,
        purpose: 'research',
      });
      trades[name] = { trade: placed.trade.id, entitlement: placed.entitlement.id };
    }
  });
  after(() => fixture.destroy());

  const stateOf = async (id: string) =>
    (await entitlements.getEntitlement(ctx.admin.principal, id)).state;
  /** `allowed`, or the code of the problem the access check in front of query and download raises. */
  const accessCodeOf = (context: { principal: Principal }, id: string) =>
    entitlements.authorizeDataAccess(context.principal, id).then(
      () => 'allowed',
      (error: unknown) => (error as { code: string }).code,
    );

  const file = (context = ctx.provider, copy?: Buffer, leaker = 'b') =>
    release.leakedCopyOf(trades[leaker].trade).then((leaked) =>
      incidents.fileIncident(context, {
        listingId: release.listing.listingId,
        description: 'found on a file-sharing site',
        leakedCopy: copy ?? leaked,
        format: 'csv',
        filename: 'visits.csv',
      }),
    );

  it('lets only the listing provider or an admin file', async () => {
    expect(await codeOf(file(ctx.otherProvider))).to.equal('not_found');
    expect(await codeOf(file(ctx.buyerB))).to.equal('forbidden');
    const byAdmin = await file(ctx.admin);
    expect(byAdmin).to.include({ state: 'filed', filedAs: 'authority', audience: 'authority' });
  });

  it('walks file → attribute → suspend → close, naming the leaking trade', async () => {
    const filed = await file();
    expect(filed).to.include({ state: 'filed', filedAs: 'provider', attribution: null });

    expect(await codeOf(incidents.attributeIncident(ctx.otherProvider, filed.id))).to.equal(
      'not_found',
    );
    const attributed = await incidents.attributeIncident(ctx.provider, filed.id);
    expect(attributed.state).to.equal('attributed');
    expect(attributed.tradeId).to.equal(trades.b.trade);
    const attribution = attributed.attribution!;
    expect(attribution.verdict).to.equal('attributed');
    expect(attribution.ranking).to.have.length(3);
    const [best, ...innocents] = attribution.ranking;
    expect(best.tradeId).to.equal(trades.b.trade);
    expect(best.falseAccusationProbability).to.be.at.most(attribution.threshold);
    for (const innocent of innocents) {
      expect(innocent.accused).to.equal(false);
      expect(innocent.falseAccusationProbability).to.be.greaterThan(attribution.threshold);
    }
    expect(await codeOf(incidents.attributeIncident(ctx.provider, filed.id))).to.equal(
      'invalid_transition',
    );

    // The named buyer sees that the incident concerns its trade, never the copy; others see nothing.
    const seen = await incidents.getIncident(ctx.buyerB.principal, filed.id);
    expect(seen).to.include({ audience: 'buyer', tradeId: trades.b.trade, verdict: 'attributed' });
    expect(seen).not.to.have.property('leakedCopy');
    expect(seen).not.to.have.property('description');
    expect(await codeOf(incidents.getIncident(ctx.buyerA.principal, filed.id))).to.equal(
      'not_found',
    );
    const buyerList = await incidents.listIncidents(ctx.buyerB.principal, 'buyer', {});
    expect(buyerList.items.map((item) => item.id)).to.deep.equal([filed.id]);
    expect((await incidents.listIncidents(ctx.buyerA.principal, 'buyer', {})).items).to.have.length(
      0,
    );
    expect(await codeOf(incidents.listIncidents(ctx.provider.principal, 'all', {}))).to.equal(
      'forbidden',
    );

    expect(
      await codeOf(incidents.suspendEntitlements(ctx.provider, filed.id, { reason: 'leak' })),
    ).to.equal('forbidden');
    const suspended = await incidents.suspendEntitlements(ctx.admin, filed.id, {
      reason: 'copy traced to this trade',
    });
    expect(suspended.state).to.equal('suspended');
    expect(suspended.suspendedEntitlementIds).to.deep.equal([trades.b.entitlement]);
    expect(ENTITLEMENT_STATES).to.include(await stateOf(trades.b.entitlement));
    expect(await stateOf(trades.b.entitlement)).to.equal('suspended');
    expect(await stateOf(trades.a.entitlement)).to.equal('active');
    expect(await accessCodeOf(ctx.buyerB, trades.b.entitlement)).to.equal('entitlement_suspended');
    expect(await accessCodeOf(ctx.buyerA, trades.a.entitlement)).to.equal('allowed');

    expect(
      await codeOf(
        incidents.closeIncident(ctx.provider, filed.id, { resolution: 'leak_confirmed' }),
      ),
    ).to.equal('forbidden');
    const closed = await incidents.closeIncident(ctx.admin, filed.id, {
      resolution: 'leak_confirmed',
      note: 'the buyer acknowledged',
    });
    expect(closed).to.include({ state: 'closed', resolution: 'leak_confirmed' });
    // A confirmed leak revokes what the suspension held back.
    expect(await stateOf(trades.b.entitlement)).to.equal('revoked');
    expect(await accessCodeOf(ctx.buyerB, trades.b.entitlement)).to.equal('entitlement_revoked');
    expect(
      await codeOf(incidents.closeIncident(ctx.admin, filed.id, { resolution: 'no_leak' })),
    ).to.equal('invalid_transition');

    // Every step is a ledger entry; the public entry never names the buyer or the copy.
    const entries = (await fixture.deps.db('ledger_outbox').orderBy('id')) as {
      kind: string;
      entry_json: string;
    }[];
    const ofIncident = entries.filter((row) => row.entry_json.includes(filed.id));
    expect(ofIncident.map((row) => row.kind)).to.deep.equal([
      'incident.filed',
      'incident.attributed',
      'incident.suspended',
      'incident.closed',
    ]);
    for (const row of ofIncident) {
      expect(row.entry_json).not.to.include(ctx.buyerB.principal.organizationId);
      expect(row.entry_json).not.to.include(filed.leakedCopy.sha256);
      expect(row.entry_json).not.to.include(trades.b.trade);
    }
    const ofEntitlement = entries.filter((row) => row.entry_json.includes(trades.b.entitlement));
    expect(ofEntitlement.map((row) => row.kind)).to.deep.equal([
      'entitlement.suspended',
      'entitlement.revoked',
    ]);

    // The buyer is notified of the attribution and the suspension, without the copy's details.
    const buyerEvents = (await fixture.deps
      .db('events')
      .where({ organization_id: ctx.buyerB.principal.organizationId, subject_id: filed.id })
      .orderBy('id')) as { kind: string; payload_json: string }[];
    expect(buyerEvents.map((event) => event.kind)).to.deep.equal([
      'incident.attributed',
      'incident.suspended',
      'incident.closed',
    ]);
    for (const event of buyerEvents)
      expect(event.payload_json).not.to.include(filed.leakedCopy.sha256);
  });

  it('resumes a suspended entitlement when the incident closes without a confirmed leak', async () => {
    const filed = await file(ctx.provider, undefined, 'c');
    expect((await incidents.attributeIncident(ctx.provider, filed.id)).tradeId).to.equal(
      trades.c.trade,
    );
    const before = await entitlements.getEntitlement(ctx.admin.principal, trades.c.entitlement);
    await incidents.suspendEntitlements(ctx.admin, filed.id, { reason: 'copy traced' });
    expect(await stateOf(trades.c.entitlement)).to.equal('suspended');
    expect(await accessCodeOf(buyerC, trades.c.entitlement)).to.equal('entitlement_suspended');
    // A suspended entitlement still blocks a new order: no buying around the suspension.
    const orders = new OrderService(fixture.deps);
    expect(
      await codeOf(
        orders.placeOrder(buyerC, { listingId: release.listing.listingId, purpose: 'research' }),
      ),
    ).to.equal('entitlement_exists');

    await incidents.closeIncident(ctx.admin, filed.id, { resolution: 'no_leak' });
    const after = await entitlements.getEntitlement(ctx.admin.principal, trades.c.entitlement);
    expect(after).to.include({ state: 'active', status: 'active' });
    // The suspension does not extend the expiry.
    expect(after.expiresAtMs).to.equal(before.expiresAtMs);
    expect(await accessCodeOf(buyerC, trades.c.entitlement)).to.equal('allowed');

    // Each change is a ledger entry whose incident and buyer are commitments, not public fields.
    const rows = (await fixture.deps
      .db('ledger_outbox')
      .whereIn('kind', ['entitlement.suspended', 'entitlement.resumed'])
      .orderBy('id')) as { kind: string; entry_json: string }[];
    const ofC = rows.filter((row) => row.entry_json.includes(trades.c.entitlement));
    expect(ofC.map((row) => row.kind)).to.deep.equal([
      'entitlement.suspended',
      'entitlement.resumed',
    ]);
    for (const row of ofC) {
      expect(row.entry_json).not.to.include(filed.id);
      expect(row.entry_json).not.to.include(buyerC.principal.organizationId);
      const entry = JSON.parse(row.entry_json) as { commitments: Record<string, string> };
      expect(Object.keys(entry.commitments)).to.have.members([
        'buyer_organization_id',
        'incident_id',
      ]);
    }
    const buyerEvents = (await fixture.deps
      .db('events')
      .where({ organization_id: buyerC.principal.organizationId, subject_id: trades.c.entitlement })
      .orderBy('id')) as { kind: string; payload_json: string }[];
    expect(buyerEvents.map((event) => event.kind)).to.deep.equal([
      'entitlement.suspended',
      'entitlement.resumed',
    ]);
    expect(buyerEvents[0].payload_json).to.include(filed.id);
  });

  it('refuses to suspend when no trade was named, and a copy sharing no column', async () => {
    const unrelated = await file(
      ctx.provider,
      Buffer.from('colour,shape\nred,round\nblue,square\n'),
    );
    expect(await codeOf(incidents.attributeIncident(ctx.provider, unrelated.id))).to.equal(
      'validation_failed',
    );
    expect(
      await codeOf(incidents.suspendEntitlements(ctx.admin, unrelated.id, { reason: 'x' })),
    ).to.equal('invalid_transition');
    const withdrawn = await incidents.closeIncident(ctx.admin, unrelated.id, {
      resolution: 'withdrawn',
    });
    expect(withdrawn.state).to.equal('closed');
  });
});
