// The facts the reconciliation compares (core/ledger/reconciliation.ts): what each business row
// says, under the entry field that pins it, and what each ledger entry says once its stored
// openings are applied. The entry fields are those the services write (services/*/…ledger event).
import { FINGERPRINT_SCHEME, fingerprintKeyCommitment } from '../../core/fingerprint/index.js';
import {
  committedFields,
  openEntry,
  type EntryFacts,
  type EntryOpenings,
  type ReconciledSubject,
  type RowCheck,
  type RowFacts,
} from '../../core/ledger/index.js';
import type { AccessRequestRecord } from '../../store/repositories/access-requests.js';
import type { ListingRecord } from '../../store/repositories/listings.js';
import type { ReviewRecord } from '../../store/repositories/reviews.js';
import type { EntitlementRecord, TradeRecord } from '../../store/repositories/trades.js';
import type { SecretBox } from '../../store/secret-box.js';
import { decisionLedgerEvent } from '../access-requests/index.js';
import { licenceTermsSha256, listingDocumentSha256 } from '../listings/index.js';
import { openFingerprintKey } from '../orders/index.js';
import { reviewDecisionLedgerEvent } from '../reviews/review-ledger-event.js';

/** Which subject an entry of each kind is about, and the entry field holding its id. */
const SUBJECT_OF_KIND: Readonly<Record<string, { subject: ReconciledSubject; idField: string }>> = {
  trade: { subject: 'trade', idField: 'trade_id' },
  'report.approved': { subject: 'review_decision', idField: 'review_id' },
  'report.rejected': { subject: 'review_decision', idField: 'review_id' },
  'listing.published': { subject: 'listing', idField: 'listing_id' },
  'listing.suspended': { subject: 'listing', idField: 'listing_id' },
  'listing.retired': { subject: 'listing', idField: 'listing_id' },
  'listing.revoked': { subject: 'listing', idField: 'listing_id' },
  'access_request.decided': { subject: 'access_decision', idField: 'access_request_id' },
  'entitlement.revoked': { subject: 'entitlement_revocation', idField: 'entitlement_id' },
  'entitlement.suspended': { subject: 'entitlement_suspension', idField: 'entitlement_id' },
  'entitlement.resumed': { subject: 'entitlement_suspension', idField: 'entitlement_id' },
};

/** The entitlement state each suspension entry leaves (issue 19). */
const STATE_AFTER_SUSPENSION_ENTRY: Readonly<Record<string, string>> = {
  'entitlement.suspended': 'suspended',
  'entitlement.resumed': 'active',
};

/** The outbox kinds the reconciliation reads (others, e.g. key rotations, have no row). */
export const RECONCILED_KINDS = Object.keys(SUBJECT_OF_KIND);

/**
 * The facts of one entry, or undefined for kinds with no row. The state a listing or review
 * decision is left in is implied by the entry's kind; it is added as `state` (listings, revoked entitlements) or
 * `decision` (reviews).
 * Each committed field is opened on its own, so one bad opening names its field only.
 */
export function entryFacts(
  entryJson: string,
  leafIndex: number | null,
  openings: EntryOpenings | undefined,
): EntryFacts | undefined {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(entryJson) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const kind = typeof entry.kind === 'string' ? SUBJECT_OF_KIND[entry.kind] : undefined;
  const id = kind && entry[kind.idField];
  if (kind === undefined || typeof id !== 'string') return undefined;
  const opened: Record<string, unknown> = { ...entry };
  const unopened: Record<string, 'opening_missing' | 'opening_mismatch'> = {};
  for (const field of Object.keys(committedFields(entry))) {
    const opening = openings?.[field];
    if (opening === undefined) {
      unopened[field] = 'opening_missing';
      continue;
    }
    try {
      opened[field] = openEntry(entry, { [field]: opening })[field];
    } catch {
      unopened[field] = 'opening_mismatch';
    }
  }
  const kindName = entry.kind as string;
  if (kind.subject === 'listing') opened.state = kindName.slice('listing.'.length);
  if (kind.subject === 'review_decision') opened.decision = kindName.slice('report.'.length);
  if (kind.subject === 'entitlement_revocation') opened.state = 'revoked';
  if (kind.subject === 'entitlement_suspension')
    opened.state = STATE_AFTER_SUSPENSION_ENTRY[kindName];
  return { subject: kind.subject, id, leafIndex, entry: opened, unopened };
}

const checksOf = (table: string, values: Record<string, unknown>): RowCheck[] =>
  Object.entries(values).map(([path, value]) => ({ column: `${table}.${path}`, path, value }));

/**
 * A trade must match its `trade` entry: parties, price, purpose, hashes, the entitlement made
 * with it and its fingerprint watermark and key commitment (the key is unsealed to hash it).
 */
export function tradeFacts(
  trade: TradeRecord,
  entitlement: EntitlementRecord | undefined,
  secrets: SecretBox,
): RowFacts {
  let keySha256: string | null;
  try {
    keySha256 = fingerprintKeyCommitment(openFingerprintKey(secrets, trade));
  } catch {
    keySha256 = null; // an edited sealed key no longer opens: reported as a mismatch
  }
  const checks = checksOf('trades', {
    listing_id: trade.listingId,
    listing_revision: trade.listingRevision,
    listing_document_sha256: trade.listingDocumentSha256,
    provider_organization_id: trade.providerOrganizationId,
    buyer_organization_id: trade.buyerOrganizationId,
    access_request_id: trade.accessRequestId,
    price_fen: trade.priceFen,
    artifact_sha256: trade.artifactSha256,
    report_sha256: trade.reportSha256,
    licence_terms_sha256: trade.licenceTermsSha256,
    purpose: trade.purpose,
  });
  checks.push(
    { column: 'trades.columns_json', path: 'entitlement.columns', value: trade.columns },
    {
      column: 'trades.fingerprint_watermark',
      path: 'fingerprint.watermark',
      value: trade.fingerprintWatermark,
    },
    { column: 'trades.fingerprint_key', path: 'fingerprint.key_sha256', value: keySha256 },
    { column: '(fingerprint scheme)', path: 'fingerprint.scheme', value: FINGERPRINT_SCHEME },
    { column: 'entitlements.id', path: 'entitlement.id', value: entitlement?.id ?? null },
  );
  if (entitlement !== undefined) {
    checks.push(
      {
        column: 'entitlements.columns_json',
        path: 'entitlement.columns',
        value: entitlement.columns,
      },
      {
        column: 'entitlements.starts_at_ms',
        path: 'entitlement.starts_at_ms',
        value: entitlement.startsAtMs,
      },
      {
        column: 'entitlements.expires_at_ms',
        path: 'entitlement.expires_at_ms',
        value: entitlement.expiresAtMs,
      },
      { column: 'entitlements.purpose', path: 'purpose', value: entitlement.purpose },
    );
  }
  return { subject: 'trade', id: trade.id, entryExpected: true, checks };
}

/** An approved or rejected review must match its `report.*` entry, as the review service writes it. */
export function reviewDecisionFacts(review: ReviewRecord): RowFacts {
  const decided = review.state === 'approved' || review.state === 'rejected';
  const {
    kind: _kind,
    review_id: _id,
    ...fields
  } = reviewDecisionLedgerEvent(review, 'approved', review.reviewerOrganizationId);
  return {
    subject: 'review_decision',
    id: review.id,
    entryExpected: decided,
    checks: checksOf('reviews', { decision: review.state, ...fields }),
  };
}

/**
 * A listing past its draft must match its latest `listing.*` entry: state, revision and every
 * pinned hash, and its terms as they read now must still hash to the document the entry pins
 * (so an edited price or licence shows even when the stored hash columns were left alone).
 */
export function listingFacts(listing: ListingRecord): RowFacts {
  const { documentSha256: _stored, ...terms } = listing;
  const checks = checksOf('listings', {
    state: listing.state,
    listing_revision: listing.revision,
    provider_organization_id: listing.organizationId,
    document_sha256: listing.documentSha256,
    artifact_sha256: listing.artifactSha256,
    report_sha256: listing.reportSha256,
    policy_sha256: listing.policySha256,
    licence_terms_sha256: listing.licenceTermsSha256,
  });
  checks.push(
    {
      column: 'listings (terms: price_fen, licence, purposes, metadata…)',
      path: 'document_sha256',
      value: listingDocumentSha256(terms),
    },
    {
      column: 'listings.licence_terms',
      path: 'licence_terms_sha256',
      value: licenceTermsSha256(listing.licenceTerms),
    },
  );
  return {
    subject: 'listing',
    id: listing.id,
    entryExpected: listing.state !== 'draft',
    checks,
  };
}

/**
 * A decided access request must match its latest `access_request.decided` entry, field for field
 * as the service writes it (decisionLedgerEvent), plus the dispute outcome once one was decided.
 */
export function accessDecisionFacts(record: AccessRequestRecord): RowFacts {
  const { kind: _kind, ...fields } = decisionLedgerEvent(record);
  const values: Record<string, unknown> = { ...fields };
  if (record.disputeOutcome !== null) values.dispute_outcome = record.disputeOutcome;
  return {
    subject: 'access_decision',
    id: record.id,
    entryExpected: record.decidedAtMs !== null,
    checks: checksOf('access_requests', values),
  };
}

/** A revoked entitlement must match its `entitlement.revoked` entry. */
export function entitlementRevocationFacts(entitlement: EntitlementRecord): RowFacts {
  return {
    subject: 'entitlement_revocation',
    id: entitlement.id,
    entryExpected: entitlement.state === 'revoked',
    checks: checksOf('entitlements', {
      state: entitlement.state,
      ...entitlementPartiesOf(entitlement),
    }),
  };
}

/**
 * A suspended entitlement must match its latest `entitlement.suspended` entry, and one suspended
 * and resumed its latest `entitlement.resumed` entry: the state the latest entry leaves is the
 * row's. A revoked entitlement's state is pinned by its `entitlement.revoked` entry instead (a
 * suspension may end in revocation), so only its parties are compared here.
 */
export function entitlementSuspensionFacts(entitlement: EntitlementRecord): RowFacts {
  const parties = entitlementPartiesOf(entitlement);
  return {
    subject: 'entitlement_suspension',
    id: entitlement.id,
    entryExpected: entitlement.state === 'suspended',
    checks: checksOf(
      'entitlements',
      entitlement.state === 'revoked' ? parties : { state: entitlement.state, ...parties },
    ),
  };
}

/** The fields every entitlement entry (revoked, suspended, resumed) names in common. */
function entitlementPartiesOf(entitlement: EntitlementRecord): Record<string, unknown> {
  return {
    trade_id: entitlement.tradeId,
    listing_id: entitlement.listingId,
    listing_revision: entitlement.listingRevision,
    provider_organization_id: entitlement.providerOrganizationId,
    buyer_organization_id: entitlement.buyerOrganizationId,
  };
}
