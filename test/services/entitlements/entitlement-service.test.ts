// Entitlements: expiry and revocation deny access, revocation needs a reason and reaches the buyer and ledger.
import { expect } from 'chai';
import { EntitlementService } from '../../../src/services/entitlements/index.js';
import { EventFeedService } from '../../../src/services/events/index.js';
import { OrderService } from '../../../src/services/orders/index.js';
import {
  BUYER_START_MS,
  buyerWorkflowContexts,
  createBuyerFixture,
  createListingFixture,
  type BuyerFixture,
} from '../../helpers/buyer-workflow.js';
import { codeOf } from '../../helpers/service-fixture.js';

describe('services/entitlements', () => {
  let fixture: BuyerFixture;
  let entitlements: EntitlementService;
  let orders: OrderService;

  before(async () => {
    fixture = await createBuyerFixture();
    entitlements = new EntitlementService(fixture.deps);
    orders = new OrderService(fixture.deps);
  });
  after(() => fixture.destroy());
  beforeEach(() => fixture.clock.set(BUYER_START_MS));

  async function bought(accessDurationDays = 30) {
    const listing = await createListingFixture(fixture.deps, { accessDurationDays });
    const ctx = buyerWorkflowContexts(listing.providerOrganizationId);
    const result = await orders.placeOrder(ctx.buyerA, {
      listingId: listing.listingId,
      purpose: 'research',
    });
    return { listing, ctx, entitlement: result.entitlement };
  }

  it('authorizes the holder until one millisecond before expiry, then denies as expired', async () => {
    const { ctx, entitlement } = await bought(30);
    fixture.clock.set(entitlement.expiresAtMs - 1);
    expect(
      (await entitlements.authorizeDataAccess(ctx.buyerA2.principal, entitlement.id)).id,
    ).to.equal(entitlement.id);
    fixture.clock.set(entitlement.expiresAtMs);
    expect(
      await codeOf(entitlements.authorizeDataAccess(ctx.buyerA.principal, entitlement.id)),
    ).to.equal('entitlement_expired');
    expect(
      (await entitlements.getEntitlement(ctx.buyerA.principal, entitlement.id)).status,
    ).to.equal('expired');
  });

  it('hides an entitlement from another buyer organization and refuses non-buyers data access', async () => {
    const { ctx, entitlement } = await bought();
    expect(
      await codeOf(entitlements.authorizeDataAccess(ctx.buyerB.principal, entitlement.id)),
    ).to.equal('not_found');
    expect(
      await codeOf(entitlements.getEntitlement(ctx.buyerB.principal, entitlement.id)),
    ).to.equal('not_found');
    expect(
      await codeOf(entitlements.getEntitlement(ctx.otherProvider.principal, entitlement.id)),
    ).to.equal('not_found');
    expect(
      await codeOf(entitlements.authorizeDataAccess(ctx.provider.principal, entitlement.id)),
    ).to.equal('forbidden');
  });

  it('needs a reason to revoke, and only the listing provider or an admin may', async () => {
    const { ctx, entitlement } = await bought();
    expect(await codeOf(entitlements.revokeEntitlement(ctx.provider, entitlement.id, {}))).to.equal(
      'validation_failed',
    );
    expect(
      await codeOf(
        entitlements.revokeEntitlement(ctx.otherProvider, entitlement.id, { reason: 'x' }),
      ),
    ).to.equal('not_found');
    expect(
      await codeOf(entitlements.revokeEntitlement(ctx.buyerA, entitlement.id, { reason: 'x' })),
    ).to.equal('forbidden');
  });

  it('denies a revoked entitlement, records it in the ledger and notifies the buyer', async () => {
    const { ctx, entitlement } = await bought();
    const revoked = await entitlements.revokeEntitlement(ctx.provider, entitlement.id, {
      reason: 'Buyer shared the data with a third party.',
    });
    expect(revoked).to.include({ state: 'revoked', status: 'revoked', revokedBy: 'mem_provider' });
    expect(
      await codeOf(entitlements.authorizeDataAccess(ctx.buyerA.principal, entitlement.id)),
    ).to.equal('entitlement_revoked');
    expect(
      await codeOf(entitlements.revokeEntitlement(ctx.admin, entitlement.id, { reason: 'again' })),
    ).to.equal('invalid_transition');
    const ledger = (
      await fixture.deps.db('ledger_outbox').where({ kind: 'entitlement.revoked' })
    ).map((row: { entry_json: string }) => JSON.parse(row.entry_json));
    expect(ledger.filter((entry) => entry.entitlement_id === entitlement.id)).to.have.length(1);
    const feed = await new EventFeedService(fixture.deps).listEvents(ctx.buyerA.principal, {});
    const revocation = feed.events.find(
      (event) => event.kind === 'entitlement.revoked' && event.subjectId === entitlement.id,
    );
    expect(revocation?.payload).to.include({ reason: 'Buyer shared the data with a third party.' });
  });

  it('denies access once the exchange revokes the listing', async () => {
    const { listing, ctx, entitlement } = await bought();
    await fixture.deps.db('listings').where({ id: listing.listingId }).update({ state: 'revoked' });
    expect(
      await codeOf(entitlements.authorizeDataAccess(ctx.buyerA.principal, entitlement.id)),
    ).to.equal('entitlement_revoked');
  });

  it('lists entitlements by side', async () => {
    const { ctx, entitlement } = await bought();
    const providerView = await entitlements.listEntitlements(
      ctx.provider.principal,
      'provider',
      {},
    );
    expect(providerView.items.map((item) => item.id)).to.deep.equal([entitlement.id]);
    const other = await entitlements.listEntitlements(ctx.buyerB.principal, 'buyer', {});
    expect(other.items.map((item) => item.id)).to.not.include(entitlement.id);
    expect(await codeOf(entitlements.listEntitlements(ctx.buyerA.principal, 'all', {}))).to.equal(
      'forbidden',
    );
  });
});
