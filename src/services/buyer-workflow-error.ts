// Typed errors of the buyer workflow (access requests, orders, entitlements, delivery, webhooks).
import { AnonexError } from '../core/errors.js';

export const BUYER_WORKFLOW_ERROR_CODES = [
  'entitlement_expired',
  'entitlement_revoked',
  'entitlement_suspended',
  'entitlement_not_started',
  'access_request_required',
  'purpose_not_permitted',
  'listing_not_orderable',
  'entitlement_exists',
  'access_request_used',
  'webhook_url_refused',
] as const;

export type BuyerWorkflowErrorCode = (typeof BUYER_WORKFLOW_ERROR_CODES)[number];

export class BuyerWorkflowError extends AnonexError<BuyerWorkflowErrorCode> {
  readonly area = 'buyer';
}
