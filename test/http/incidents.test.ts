// The incident workflow over HTTP against the real gateway: file a leaked copy of one buyer's
// trade, attribute it, suspend that buyer, close; problem+json refusals; the ledger's entries.
import { expect } from 'chai';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import { createReleaseListing, type ReleaseListing } from '../helpers/incident-fixture.js';

describe('http incidents', function () {
  this.timeout(120_000);
  let gateway: TestGateway;
  let provider: TestMember;
  let otherProvider: TestMember;
  let buyers: TestMember[];
  let release: ReleaseListing;
  const ordered: { trade: string; entitlement: string }[] = [];

  before(async () => {
    gateway = await startTestGateway();
    provider = await gateway.createMember(['provider']);
    otherProvider = await gateway.createMember(['provider']);
    buyers = [
      await gateway.createMember(['buyer']),
      await gateway.createMember(['buyer']),
      await gateway.createMember(['buyer']),
    ];
    release = await createReleaseListing(gateway.running.deps, {
      providerOrganizationId: provider.organization.id,
    });
    for (const buyer of buyers) {
      const reply = await gateway.request('POST', '/api/v1/orders', {
        key: buyer.key,
        body: { listingId: release.listing.listingId, purpose: 'research' },
      });
      expect(reply.status, reply.text).to.equal(201);
      ordered.push({ trade: reply.json.trade.id, entitlement: reply.json.entitlement.id });
    }
  });
  after(() => gateway.stop());

  const fileAs = async (member: TestMember, copy: Buffer) =>
    gateway.request(
      'POST',
      `/api/v1/listings/${release.listing.listingId}/incidents?description=${encodeURIComponent('seen on a forum')}&filename=leak.csv`,
      { key: member.key, rawBody: copy, headers: { 'content-type': 'text/csv' } },
    );

  it('walks file → attribute → suspend → close, each step a ledger entry', async () => {
    const leaked = await release.leakedCopyOf(ordered[1].trade);
    const refused = await fileAs(otherProvider, leaked);
    expect(refused.status).to.equal(404);
    expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);

    const filed = await fileAs(provider, leaked);
    expect(filed.status, filed.text).to.equal(201);
    expect(filed.json).to.include({ state: 'filed', filedAs: 'provider' });
    expect(filed.json.leakedCopy).to.include({ sizeBytes: leaked.length, filename: 'leak.csv' });
    const id = filed.json.id as string;

    const attributed = await gateway.request('POST', `/api/v1/incidents/${id}/attribute`, {
      key: provider.key,
    });
    expect(attributed.status, attributed.text).to.equal(200);
    expect(attributed.json.tradeId).to.equal(ordered[1].trade);
    expect(attributed.json.attribution.verdict).to.equal('attributed');
    expect(attributed.json.attribution.ranking[0].falseAccusationProbability).to.be.at.most(1e-6);

    const buyerView = await gateway.request('GET', `/api/v1/incidents/${id}`, {
      key: buyers[1].key,
    });
    expect(buyerView.status).to.equal(200);
    expect(buyerView.json).to.include({ audience: 'buyer', tradeId: ordered[1].trade });
    expect(buyerView.json).not.to.have.property('leakedCopy');
    const stranger = await gateway.request('GET', `/api/v1/incidents/${id}`, {
      key: buyers[0].key,
    });
    expect(stranger.status).to.equal(404);

    const notAdmin = await gateway.request('POST', `/api/v1/incidents/${id}/suspend`, {
      key: provider.key,
      body: { reason: 'leak' },
    });
    expect(notAdmin.status).to.equal(403);
    expect(notAdmin.json.type).to.equal('urn:anonex:problem:forbidden');
    const suspended = await gateway.request('POST', `/api/v1/incidents/${id}/suspend`, {
      key: gateway.admin.key,
      body: { reason: 'copy traced to this trade' },
    });
    expect(suspended.status, suspended.text).to.equal(200);
    expect(suspended.json.suspendedEntitlementIds).to.deep.equal([ordered[1].entitlement]);
    const downloadOf = (index: number) =>
      gateway.request('GET', `/api/v1/entitlements/${ordered[index].entitlement}/download`, {
        key: buyers[index].key,
      });
    const download = await downloadOf(1);
    expect(download.status).to.equal(403);
    expect(download.headers.get('content-type')).to.include('application/problem+json');
    expect(download.json.type).to.equal('urn:anonex:problem:entitlement_suspended');
    const held = await gateway.request('GET', `/api/v1/entitlements/${ordered[1].entitlement}`, {
      key: buyers[1].key,
    });
    expect(held.json).to.include({ state: 'suspended', status: 'suspended' });
    const innocent = await gateway.request(
      'GET',
      `/api/v1/entitlements/${ordered[0].entitlement}/download`,
      { key: buyers[0].key },
    );
    expect(innocent.status).to.equal(200);

    const badClose = await gateway.request('POST', `/api/v1/incidents/${id}/close`, {
      key: gateway.admin.key,
      body: { resolution: 'solved' },
    });
    expect(badClose.status).to.equal(400);
    const closed = await gateway.request('POST', `/api/v1/incidents/${id}/close`, {
      key: gateway.admin.key,
      body: { resolution: 'no_leak', note: 'the copy came from elsewhere' },
    });
    expect(closed.status).to.equal(200);
    expect(closed.json.state).to.equal('closed');
    // Cleared, the buyer reads again with the same entitlement.
    const resumed = await downloadOf(1);
    expect(resumed.status, resumed.text).to.equal(200);
    const again = await gateway.request('POST', `/api/v1/incidents/${id}/attribute`, {
      key: provider.key,
    });
    expect(again.status).to.equal(409);
    expect(again.json.type).to.equal('urn:anonex:problem:invalid_transition');

    const listed = await gateway.request('GET', '/api/v1/incidents?side=provider', {
      key: provider.key,
    });
    expect(listed.json.items.map((item: { id: string }) => item.id)).to.include(id);

    // The public ledger records each step; the accusation stays committed.
    await gateway.services.ledger.flush();
    const checkpoint = await gateway.request('GET', '/api/v1/ledger/checkpoint');
    const entries = await gateway.request(
      'GET',
      `/api/v1/ledger/entries?start=0&end=${checkpoint.json.treeSize}`,
    );
    const ofIncident = (entries.json.entries as { entry: string }[])
      .map((item) => JSON.parse(item.entry) as Record<string, unknown>)
      .filter((entry) => entry.incident_id === id);
    expect(ofIncident.map((entry) => entry.kind)).to.deep.equal([
      'incident.filed',
      'incident.attributed',
      'incident.suspended',
      'incident.closed',
    ]);
    for (const entry of ofIncident) {
      expect(entry).not.to.have.property('trade_id');
      expect(entry).not.to.have.property('buyer_organization_id');
      expect(entry.listing_id).to.equal(release.listing.listingId);
    }
  });
});
