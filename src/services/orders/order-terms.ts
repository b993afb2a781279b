// What an order buys: purpose, columns and duration, from the approved access request (conditional
// listings, seed Art. 17) or from the order itself within the listing's terms (unconditional).
import type { Queryable } from '../../store/db.js';
import { findAccessRequest, listAccessRequests } from '../../store/repositories/access-requests.js';
import { listTradesOfAccessRequests } from '../../store/repositories/trades.js';
import { BuyerWorkflowError } from '../buyer-workflow-error.js';
import { validationFailed } from '../errors.js';
import type { Principal } from '../principal.js';
import type { ListingOffer } from '../listings/listing-offer.js';
import type { OrderInput } from './order-service.js';

export interface OrderTerms {
  readonly purpose: string;
  readonly intendedUse: string;
  readonly columns: string[];
  readonly durationDays: number;
  readonly accessRequestId: string | null;
}

/**
 * Throws `access_request_required` for a conditional listing without an approved request of the
 * buyer's organization for the listing's current revision, `access_request_used` for a request an
 * earlier order already used (whatever became of its entitlement), `listing_not_orderable` for a
 * listing that is not shared, `purpose_not_permitted` and `validation_failed` for bad declarations
 * (on a conditional listing: a purpose or columns other than the approved ones).
 */
export async function resolveOrderTerms(
  trx: Queryable,
  principal: Principal,
  listing: ListingOffer,
  input: OrderInput,
): Promise<{
  purpose: string;
  intendedUse: string;
  columns: string[];
  durationDays: number;
  accessRequestId: string | null;
}> {
  if (listing.sharingType === 'conditional') {
    const request = input.accessRequestId
      ? await findAccessRequest(trx, input.accessRequestId)
      : (
          await listAccessRequests(
            trx,
            {
              buyerOrganizationId: principal.organizationId,
              listingId: listing.id,
              states: ['approved'],
              withoutTrade: true,
            },
            { limit: 1 },
          )
        )[0];
    const usable =
      request &&
      request.state === 'approved' &&
      request.buyerOrganizationId === principal.organizationId &&
      request.listingId === listing.id &&
      request.listingRevision === listing.revision;
    if (!usable) {
      throw new BuyerWorkflowError(
        'access_request_required',
        'a conditional listing needs an approved access request for its current revision (seed Art. 17)',
        {
          details: { listingId: listing.id, accessRequestId: input.accessRequestId ?? null },
        },
      );
    }
    await refuseUsedAccessRequest(trx, request.id);
    const columns = request.approvedColumns ?? request.columns;
    refuseConflicts(input, { purpose: request.purpose, columns });
    return {
      purpose: request.purpose,
      intendedUse: request.intendedUse,
      columns: [...columns],
      durationDays: request.approvedDurationDays ?? request.requestedDurationDays,
      accessRequestId: request.id,
    };
  }
  if (listing.sharingType !== 'unconditional') {
    throw new BuyerWorkflowError(
      'listing_not_orderable',
      `listing sharing type ${listing.sharingType} cannot be ordered`,
      {
        details: { listingId: listing.id, sharingType: listing.sharingType },
      },
    );
  }
  const purpose = input.purpose ?? '';
  if (
    purpose === '' ||
    (listing.permittedPurposes.length > 0 && !listing.permittedPurposes.includes(purpose))
  ) {
    throw new BuyerWorkflowError(
      'purpose_not_permitted',
      "declare one of the listing's permitted purposes (seed Art. 18)",
      {
        details: { permitted: listing.permittedPurposes },
        issues: [
          {
            field: 'purpose',
            reason: `want one of ${listing.permittedPurposes.join(', ')}`,
            code: purpose === '' ? 'required' : 'not_allowed',
          },
        ],
      },
    );
  }
  const columns = input.columns ?? listing.columns;
  const unknown = columns.filter((column) => !listing.columns.includes(column));
  if (columns.length === 0 || unknown.length > 0 || new Set(columns).size !== columns.length) {
    throw validationFailed('bad columns', [
      {
        field: 'columns',
        reason: `want distinct columns among ${listing.columns.join(', ')}`,
        ...(columns.length === 0
          ? { code: 'too_few' as const, params: { min: 1 } }
          : unknown.length > 0
            ? { code: 'unknown_column' as const, params: { column: unknown[0] } }
            : { code: 'duplicate' as const }),
      },
    ]);
  }
  return {
    purpose,
    intendedUse: (input.intendedUse ?? '').trim(),
    columns: [...columns],
    durationDays: listing.accessDurationDays > 0 ? listing.accessDurationDays : 365,
    accessRequestId: null,
  };
}

/**
 * An approval buys one entitlement: once an order used the request, a revoked or expired
 * entitlement does not free it; ordering again needs a new request and a new decision. The order
 * batch checks again inside its transaction (order-batch.ts).
 */
async function refuseUsedAccessRequest(trx: Queryable, accessRequestId: string): Promise<void> {
  const [earlier] = await listTradesOfAccessRequests(trx, [accessRequestId]);
  if (earlier) throw accessRequestUsed(accessRequestId, earlier.id);
}

export function accessRequestUsed(accessRequestId: string, tradeId: string): BuyerWorkflowError {
  return new BuyerWorkflowError(
    'access_request_used',
    'this access request already bought an entitlement; ordering again needs a new request and a new decision',
    { details: { accessRequestId, tradeId } },
  );
}

/**
 * The approved request fixes what a conditional order buys: a purpose other than the approved
 * one, or a column the provider did not approve, is refused by name rather than silently replaced.
 */
function refuseConflicts(
  input: OrderInput,
  approved: { purpose: string; columns: readonly string[] },
): void {
  const issues: { field: string; reason: string }[] = [];
  if (input.purpose !== undefined && input.purpose !== approved.purpose) {
    issues.push({
      field: 'purpose',
      reason: `the approved request's purpose is ${approved.purpose}`,
    });
  }
  if (input.columns !== undefined && !sameSet(input.columns, approved.columns)) {
    issues.push({
      field: 'columns',
      reason: `the approved request's columns are ${approved.columns.join(', ')}`,
    });
  }
  if (issues.length > 0) {
    throw validationFailed('the order conflicts with its approved access request', issues);
  }
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && new Set(a).size === a.length && a.every((item) => b.includes(item));
