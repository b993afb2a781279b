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

  const file = (context = ctx.provider, copy?: Buffer) =>
    release.leakedCopyOf(trades.b.trade).then((leaked) =>
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
    const stateOf = async (id: string) =>
      (await entitlements.getEntitlement(ctx.admin.principal, id)).state;
    expect(ENTITLEMENT_STATES).to.include(await stateOf(trades.b.entitlement));
    expect(await stateOf(trades.b.entitlement)).to.equal('revoked');
    expect(await stateOf(trades.a.entitlement)).to.equal('active');

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
    expect(entries.some((row) => row.kind === 'entitlement.revoked')).to.equal(true);

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
