// Issue 16, item 13: the public ledger (API, export and explorer) shows a trade's commercial fields
// only as salted commitments; the parties' receipts carry the openings, auditors and admins read
// full entries, other organizations do not; everything still verifies offline.
import { expect } from 'chai';
import {
  noteVerifiersFromCertificates,
  rfc9162Hasher,
  verifyLedgerExport,
  verifyReceipt,
  noteVerifierForKey,
} from '../../src/core/ledger/index.js';
import { createGatewayListingFixture, type ListingFixture } from '../helpers/buyer-workflow.js';
import { signIn } from '../helpers/console-session.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';

describe('http ledger privacy: commitments in public, openings for the parties', function () {
  this.timeout(60_000);
  let gateway: TestGateway;
  let provider: TestMember;
  let buyer: TestMember;
  let otherBuyer: TestMember;
  let auditor: TestMember;
  let listing: ListingFixture;
  let leafIndex: number;
  const PRICE_FEN = 987654;

  before(async () => {
    gateway = await startTestGateway();
    provider = await gateway.createMember(['provider']);
    buyer = await gateway.createMember(['buyer']);
    otherBuyer = await gateway.createMember(['buyer']);
    auditor = await gateway.createMember(['auditor']);
    listing = await createGatewayListingFixture(gateway, {
      providerOrganizationId: provider.organization.id,
      priceFen: PRICE_FEN,
      permittedPurposes: ['public_health'],
    });
    const ordered = await gateway.request('POST', '/api/v1/orders', {
      key: buyer.key,
      body: {
        listingId: listing.listingId,
        purpose: 'public_health',
        intendedUse: 'Seasonal visit counts.',
      },
    });
    expect(ordered.status, ordered.text).to.equal(201);
    await gateway.services.ledger.flush();
    const receipt = await gateway.request(
      'GET',
      `/api/v1/trades/${ordered.json.trade.id}/receipt`,
      {
        key: buyer.key,
      },
    );
    expect(receipt.status, receipt.text).to.equal(200);
    leafIndex = receipt.json.leaf_index;
  });
  after(() => gateway.stop());

  /** Text that must not appear in anything public: who bought, the price, the purpose, the columns. */
  const commercial = () => [buyer.organization.id, String(PRICE_FEN), 'public_health', 'visits'];

  it('serves entries and the public receipt with commitments, never the commercial values', async () => {
    const entries = await gateway.request('GET', '/api/v1/ledger/entries?start=0&end=100');
    expect(entries.status).to.equal(200);
    const trade = JSON.parse(entries.json.entries[leafIndex].entry);
    expect(trade.kind).to.equal('trade');
    expect(Object.keys(trade.commitments)).to.include.members([
      'buyer_organization_id',
      'price_fen',
      'purpose',
      'entitlement',
    ]);
    const anonymous = await gateway.request('GET', `/api/v1/ledger/receipts/${leafIndex}`);
    expect(anonymous.json).not.to.have.property('openings');
    for (const text of [entries.text, anonymous.text])
      for (const value of commercial()) expect(text).not.to.include(value);
  });

  it("gives the buyer's and the provider's receipts the openings, which verify offline", async () => {
    const pem = (await gateway.request('GET', '/api/v1/ledger/certificate')).text;
    const trusted = noteVerifiersFromCertificates(pem);
    for (const party of [buyer, provider]) {
      const reply = await gateway.request('GET', `/api/v1/ledger/receipts/${leafIndex}`, {
        key: party.key,
      });
      const verified = verifyReceipt(reply.json, trusted, rfc9162Hasher);
      expect(verified.openedEntry).to.include({
        buyer_organization_id: buyer.organization.id,
        price_fen: PRICE_FEN,
        purpose: 'public_health',
      });
    }
  });

  it('opens entries for auditors, and for no other organization', async () => {
    const forAuditor = await gateway.request(
      'GET',
      `/api/v1/ledger/entries/${leafIndex}/openings`,
      { key: auditor.key },
    );
    expect(forAuditor.status).to.equal(200);
    expect(forAuditor.json.openings.price_fen.value).to.equal(PRICE_FEN);
    const forStranger = await gateway.request(
      'GET',
      `/api/v1/ledger/entries/${leafIndex}/openings`,
      { key: otherBuyer.key },
    );
    expect(forStranger.status).to.equal(404);
    const strangerReceipt = await gateway.request('GET', `/api/v1/ledger/receipts/${leafIndex}`, {
      key: otherBuyer.key,
    });
    expect(strangerReceipt.json).not.to.have.property('openings');
  });

  it('keeps the explorer public page free of commercial values, and shows auditors the full entry', async () => {
    const path = `/console/ledger/entries/${leafIndex}`;
    const anonymous = await fetch(`${gateway.url}${path}`);
    const publicHtml = await anonymous.text();
    expect(anonymous.status).to.equal(200);
    for (const value of commercial()) expect(publicHtml).not.to.include(value);
    const { cookie } = await signIn(gateway, auditor.key);
    const signedIn = await (await fetch(`${gateway.url}${path}`, { headers: { cookie } })).text();
    expect(signedIn).to.include('data-opened-entry');
    expect(signedIn).to.include(buyer.organization.id);
    expect(signedIn).to.include(String(PRICE_FEN));
  });

  it('exports a log that verifies offline and carries no commercial value', async () => {
    const lines: string[] = [];
    await gateway.services.ledger.exportLedger((line) => void lines.push(line));
    const text = lines.join('\n');
    for (const value of commercial()) expect(text).not.to.include(value);
    const report = verifyLedgerExport(text, {
      hasher: rfc9162Hasher,
      trusted: gateway.services.ledger.trustedVerifiers(),
      verifierForRotatedKey: noteVerifierForKey,
    });
    expect(report.treeSize).to.be.greaterThan(leafIndex);
  });
});
