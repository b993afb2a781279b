// Typed errors of the provider workflow that callers must tell apart (seed Art. 29 listing gate,
// separation of duties in review); generic cases use the service errors (services/errors.ts).
import { AnonexError } from '../core/errors.js';

export const PROVIDER_WORKFLOW_ERROR_CODES = [
  'listing_approval_required',
  'listing_approval_superseded',
  'listing_level_not_listable',
  'review_separation_of_duties',
] as const;

export type ProviderWorkflowErrorCode = (typeof PROVIDER_WORKFLOW_ERROR_CODES)[number];

export class ProviderWorkflowError extends AnonexError<ProviderWorkflowErrorCode> {
  readonly area = 'provider';
}
