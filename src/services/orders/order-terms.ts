// What an order buys: purpose, columns and duration, from the approved access request (conditional
// listings, seed Art. 17) or from the order itself within the listing's terms (unconditional).
import type { Queryable } from '../../store/db.js';
import { findAccessRequest, listAccessRequests } from '../../store/repositories/access-requests.js';
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
 * buyer's organization for the listing's current revision, `listing_not_orderable` for a listing
 * that is not shared, `purpose_not_permitted` and `validation_failed` for bad declarations.
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
    return {
      purpose: request.purpose,
      intendedUse: request.intendedUse,
      columns: [...(request.approvedColumns ?? request.columns)],
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
          { field: 'purpose', reason: `want one of ${listing.permittedPurposes.join(', ')}` },
        ],
      },
    );
  }
  const columns = input.columns ?? listing.columns;
  const unknown = columns.filter((column) => !listing.columns.includes(column));
  if (columns.length === 0 || unknown.length > 0 || new Set(columns).size !== columns.length) {
    throw validationFailed('bad columns', [
      { field: 'columns', reason: `want distinct columns among ${listing.columns.join(', ')}` },
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
