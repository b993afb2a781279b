// Purpose-bound entitlements (seed Art. 18): who may read which columns of which listing revision, until when.
import {
  findEntitlement,
  listEntitlements,
  type EntitlementRecord,
} from '../../store/repositories/trades.js';
import type { ServiceDeps } from '../deps.js';
import { invalidTransition, notFound, validationFailed } from '../errors.js';
import { readListingOffer, type ListingOffer } from '../listings/index.js';
import { pageLimit, toPage, type Page, type PageRequest } from '../page.js';
import { hasRole, requireRole, type Principal } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { BuyerWorkflowError } from '../buyer-workflow-error.js';
import { entitlementStatus, toEntitlementView, type EntitlementView } from './entitlement-view.js';
import { revokeEntitlementInTransaction } from './revoke-entitlement.js';

export class EntitlementService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The buyer organization, the listing's provider organization and admins may read it. */
  async getEntitlement(principal: Principal, id: string): Promise<EntitlementView> {
    const entitlement = await findEntitlement(this.deps.db, id);
    if (!entitlement || !canSee(principal, entitlement)) throw notFound('entitlement', id);
    return toEntitlementView(entitlement, this.deps.clock.nowMs());
  }

  /** `buyer`: held by the principal's organization; `provider`: granted on its listings; `all`: admins. */
  async listEntitlements(
    principal: Principal,
    side: 'buyer' | 'provider' | 'all',
    request: PageRequest & { listingId?: string },
  ): Promise<Page<EntitlementView>> {
    if (side === 'all') requireRole(principal, 'admin');
    else requireRole(principal, side);
    const limit = pageLimit(request);
    const filter =
      side === 'buyer'
        ? { buyerOrganizationId: principal.organizationId, listingId: request.listingId }
        : side === 'provider'
          ? { providerOrganizationId: principal.organizationId, listingId: request.listingId }
          : { listingId: request.listingId };
    const rows = await listEntitlements(this.deps.db, filter, {
      limit: limit + 1,
      afterId: request.cursor,
    });
    const nowMs = this.deps.clock.nowMs();
    const page = toPage(rows, limit, (row) => row.id);
    return {
      items: page.items.map((row) => toEntitlementView(row, nowMs)),
      nextCursor: page.nextCursor,
    };
  }

  /** The listing's provider or an admin revokes, with a reason; recorded in the ledger, the buyer notified. */
  async revokeEntitlement(
    context: RequestContext,
    id: string,
    input: { reason?: string },
  ): Promise<EntitlementView> {
    const { principal } = context;
    requireRole(principal, 'provider', 'admin');
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (reason.length === 0)
      throw validationFailed('a revocation needs a reason', [
        { field: 'reason', reason: 'missing' },
      ]);
    return this.deps.db.transaction(async (trx) => {
      const entitlement = await findEntitlement(trx, id);
      const asProvider =
        entitlement?.providerOrganizationId === principal.organizationId &&
        hasRole(principal, 'provider');
      if (!entitlement || (!asProvider && !hasRole(principal, 'admin')))
        throw notFound('entitlement', id);
      const revoked = await revokeEntitlementInTransaction(
        trx,
        this.deps.clock,
        context,
        entitlement,
        {
          reason,
          revokedAs: asProvider ? 'provider' : 'authority',
        },
      );
      if (revoked === undefined)
        throw invalidTransition('entitlement', entitlement.state, 'revoke');
      return toEntitlementView(revoked, this.deps.clock.nowMs());
    });
  }

  /**
   * The check in front of every data access: the entitlement belongs to the principal's
   * organization (else not_found: another buyer's entitlement does not exist for you), the
   * principal is a buyer, it is neither revoked nor suspended nor expired nor not yet started, and its listing
   * has not been revoked. Returns the entitlement to read with.
   */
  async authorizeDataAccess(principal: Principal, id: string): Promise<EntitlementRecord> {
    return (await this.authorizeDelivery(principal, id)).entitlement;
  }

  /** authorizeDataAccess, with the listing offer it read (delivery reads it only once). */
  async authorizeDelivery(
    principal: Principal,
    id: string,
  ): Promise<{ entitlement: EntitlementRecord; listing: ListingOffer }> {
    requireRole(principal, 'buyer');
    const entitlement = await findEntitlement(this.deps.db, id);
    if (!entitlement || entitlement.buyerOrganizationId !== principal.organizationId)
      throw notFound('entitlement', id);
    const status = entitlementStatus(entitlement, this.deps.clock.nowMs());
    if (status === 'revoked') {
      throw new BuyerWorkflowError('entitlement_revoked', 'the entitlement was revoked', {
        details: {
          entitlementId: id,
          revokedAtMs: entitlement.revokedAtMs,
          reason: entitlement.revocationReason,
        },
      });
    }
    if (status === 'suspended') {
      throw new BuyerWorkflowError(
        'entitlement_suspended',
        'the entitlement is suspended while an incident is investigated',
        { details: { entitlementId: id } },
      );
    }
    if (status === 'expired') {
      throw new BuyerWorkflowError('entitlement_expired', 'the entitlement has expired', {
        details: { entitlementId: id, expiresAtMs: entitlement.expiresAtMs },
      });
    }
    if (status === 'scheduled') {
      throw new BuyerWorkflowError('entitlement_not_started', 'the entitlement has not started', {
        details: { entitlementId: id, startsAtMs: entitlement.startsAtMs },
      });
    }
    const listing = await readListingOffer(this.deps.db, entitlement.listingId);
    if (!listing || listing.state === 'revoked') {
      throw new BuyerWorkflowError(
        'entitlement_revoked',
        'the listing was revoked by the exchange',
        {
          details: { entitlementId: id, listingId: entitlement.listingId },
        },
      );
    }
    return { entitlement, listing };
  }
}

function canSee(principal: Principal, entitlement: EntitlementRecord): boolean {
  return (
    entitlement.buyerOrganizationId === principal.organizationId ||
    (entitlement.providerOrganizationId === principal.organizationId &&
      hasRole(principal, 'provider')) ||
    hasRole(principal, 'admin')
  );
}
