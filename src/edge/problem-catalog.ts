// The one table from error code to HTTP status and title (RFC 9457 problem types).
// Each code's problem `type` is `urn:anonex:problem:<code>`: stable, and documented in
// docs/problems.md. Add a row when you add a code to error-codes.ts; keep rows grouped by area.
import type { ErrorCode } from './error-codes.js';

export interface ProblemKind {
  readonly status: number;
  readonly title: string;
}

export const PROBLEM_TYPE_PREFIX = 'urn:anonex:problem:';

export const problemCatalog = {
  // services (src/services/errors.ts)
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed for this principal' },
  not_found: { status: 404, title: 'Not found' },
  invalid_transition: { status: 409, title: 'Not allowed in the current state' },
  validation_failed: { status: 400, title: 'Validation failed' },
  conflict: { status: 409, title: 'Conflicts with an existing resource' },
  idempotency_conflict: { status: 409, title: 'Idempotency key reused with a different request' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  // http edge (src/edge/http-error.ts)
  route_not_found: { status: 404, title: 'No such route' },
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  malformed_request: { status: 400, title: 'Malformed request' },
  request_header_too_large: { status: 431, title: 'Request header fields too large' },
  request_timeout: { status: 408, title: 'Request timeout' },
  internal_error: { status: 500, title: 'Internal error' },
  // store (src/domain/store-error-codes.ts, raised by src/store/errors.ts)
  blob_not_found: { status: 404, title: 'Blob not found' },
  blob_integrity_failed: { status: 500, title: 'Stored content failed its integrity check' },
  blob_too_large: { status: 413, title: 'Content exceeds the size limit' },
  master_key_invalid: { status: 500, title: 'Master key misconfigured' },
  master_key_mismatch: { status: 500, title: 'Master key differs from the store' },
  secret_unreadable: { status: 500, title: 'A sealed secret does not open' },
  data_dir_insecure: { status: 500, title: 'Data directory cannot be made private' },
  // engine (src/services/engine/engine-error.ts)
  job_out_of_memory: { status: 413, title: "Too large for the engine's memory" },
  // ledger (src/core/ledger/errors.ts): 400 for bad input, 503 when the stored log fails its start check
  ledger_invalid_hash_size: { status: 400, title: 'Hash is not 32 bytes' },
  ledger_index_out_of_range: { status: 400, title: 'Leaf index or tree size out of range' },
  ledger_consistency_from_empty_tree: {
    status: 400,
    title: 'No consistency proof from the empty tree',
  },
  ledger_invalid_proof_size: { status: 400, title: 'Proof has the wrong number of hashes' },
  ledger_root_mismatch: { status: 503, title: 'Stored ledger does not match its root' },
  ledger_malformed_note: { status: 400, title: 'Malformed signed note' },
  ledger_malformed_checkpoint: { status: 400, title: 'Malformed checkpoint' },
  ledger_untrusted_signer: { status: 503, title: 'Checkpoint not signed by a trusted key' },
  ledger_bad_signature: { status: 503, title: 'Checkpoint signature does not verify' },
  ledger_origin_mismatch: { status: 503, title: 'Checkpoint names another log' },
  ledger_malformed_receipt: { status: 400, title: 'Malformed receipt' },
  ledger_malformed_export: { status: 400, title: 'Malformed ledger export' },
  ledger_malformed_certificate: { status: 400, title: 'Certificate or signing request refused' },
  ledger_entry_modified: { status: 503, title: 'Ledger entry modified' },
  ledger_entry_missing: { status: 503, title: 'Ledger entry missing' },
  ledger_entry_out_of_order: { status: 503, title: 'Ledger entries out of order' },
  ledger_entries_mismatch_checkpoint: {
    status: 503,
    title: 'Ledger entries do not match their checkpoint',
  },
  ledger_fork: { status: 503, title: 'Ledger forked' },
  ledger_truncated: { status: 503, title: 'Ledger truncated' },
  ledger_unsigned_entries: { status: 503, title: 'Ledger entries without a checkpoint' },
  ledger_no_checkpoint: { status: 503, title: 'Ledger has no checkpoint' },
  ledger_opening_mismatch: { status: 400, title: 'Opening does not match its commitment' },
  ledger_malformed_opening: { status: 400, title: 'Malformed opening' },
  ledger_reconciliation_differences: { status: 409, title: 'Database disagrees with the ledger' },
  ledger_insufficient_cosignatures: { status: 422, title: 'Too few witness cosignatures' },
  ledger_malformed_cosignature: { status: 400, title: 'Malformed witness cosignature' },
  ledger_witness_size_conflict: { status: 409, title: 'Witness holds another tree size' },
  ledger_split_view: { status: 409, title: 'Split view: inconsistent checkpoints' },
  ledger_malformed_evidence: { status: 400, title: 'Malformed split-view evidence' },
  // privacy (src/core/privacy/privacy-error.ts)
  privacy_length_mismatch: { status: 500, title: 'Columns of different lengths' },
  privacy_unknown_column: { status: 400, title: 'Unknown column' },
  privacy_invalid_parameter: { status: 400, title: 'Invalid privacy parameter' },
  privacy_hierarchy_mismatch: { status: 422, title: 'Released values do not fit the hierarchy' },
  // hierarchy (src/core/hierarchy/hierarchy-error.ts)
  hierarchy_empty: { status: 422, title: 'Hierarchy has no rows' },
  hierarchy_ragged_row: { status: 422, title: 'Hierarchy row has the wrong number of levels' },
  hierarchy_duplicate_value: { status: 422, title: 'Hierarchy lists a value twice' },
  hierarchy_inconsistent_parent: { status: 422, title: 'Hierarchy label has two parents' },
  hierarchy_unterminated_quote: { status: 422, title: 'Hierarchy has a malformed quoted field' },
  hierarchy_invalid_bands: { status: 400, title: 'Invalid interval bands' },
  hierarchy_non_numeric_value: { status: 422, title: 'Non-numeric value in interval bands' },
  hierarchy_value_missing: { status: 422, title: 'Data value missing from its hierarchy' },
  // search (src/core/search/search-error.ts)
  search_invalid_criteria: { status: 400, title: 'Invalid search criteria' },
  search_invalid_input: { status: 400, title: 'Invalid search input' },
  search_lattice_too_large: { status: 422, title: 'Generalization lattice too large' },
  search_unsatisfiable: { status: 422, title: 'No partitioning meets the criteria' },
  search_cancelled: { status: 409, title: 'Search cancelled' },
  // report (src/core/report/report-error.ts)
  report_invalid_digest: { status: 500, title: 'Report digest is not SHA-256 hex' },
  report_invalid_time: { status: 500, title: 'Report time is not a number of milliseconds' },
  report_unknown_version: { status: 422, title: 'Unknown report format or version' },
  // provider workflow (src/services/provider-workflow-error.ts)
  listing_approval_required: { status: 409, title: 'Listing needs an approved review' },
  listing_approval_superseded: {
    status: 409,
    title: 'Approval does not cover the latest dataset revision',
  },
  listing_level_not_listable: { status: 409, title: 'Identifiability level cannot be listed' },
  review_separation_of_duties: {
    status: 403,
    title: "Reviewer may not decide on their own organization's report",
  },
  // calendar (src/core/calendar/calendar-error.ts)
  calendar_data_invalid: { status: 500, title: 'Holiday calendar data invalid' },
  calendar_date_invalid: { status: 500, title: 'Invalid calendar date' },
  // query (src/core/query/query-error.ts)
  query_invalid: { status: 400, title: 'Invalid query' },
  // buyer workflow (src/services/buyer-workflow-error.ts)
  entitlement_expired: { status: 403, title: 'Entitlement expired' },
  entitlement_revoked: { status: 403, title: 'Entitlement revoked' },
  entitlement_suspended: { status: 403, title: 'Entitlement suspended' },
  entitlement_not_started: { status: 403, title: 'Entitlement not yet started' },
  access_request_required: { status: 403, title: 'Approved access request required' },
  purpose_not_permitted: { status: 400, title: 'Purpose not permitted by the listing' },
  listing_not_orderable: { status: 409, title: 'Listing cannot be ordered or requested' },
  entitlement_exists: { status: 409, title: 'An active entitlement already exists' },
  access_request_used: { status: 409, title: 'Access request already used for an order' },
  webhook_url_refused: { status: 400, title: 'Webhook URL refused' },
} as const satisfies Record<ErrorCode, ProblemKind>;

export function problemTypeOf(code: ErrorCode): string {
  return `${PROBLEM_TYPE_PREFIX}${code}`;
}
