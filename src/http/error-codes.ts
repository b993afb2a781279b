// Every error code anonex can answer with, gathered from each area's exported const array.
// Areas append their array here (`...TABLE_ERROR_CODES`), then add rows to problem-catalog.ts;
// the compiler refuses a code without a catalog row and a row without a code, and
// test/http/problem-catalog.test.ts checks both against docs/problems.md.
import type { ServiceErrorCode } from '../services/errors.js';
import { STORE_ERROR_CODES } from '../store/errors.js';
import { ENGINE_ERROR_CODES } from '../services/engine/engine-error.js';
import { HTTP_ERROR_CODES } from './http-error.js';
import { CALENDAR_ERROR_CODES } from '../core/calendar/calendar-error.js';
import { QUERY_ERROR_CODES } from '../core/query/query-error.js';
import { BUYER_WORKFLOW_ERROR_CODES } from '../services/buyer-workflow-error.js';
import { PROVIDER_WORKFLOW_ERROR_CODES } from '../services/provider-workflow-error.js';
import { LEDGER_ERROR_CODES } from '../core/ledger/errors.js';
import { PRIVACY_ERROR_CODES } from '../core/privacy/privacy-error.js';
import { HIERARCHY_ERROR_CODES } from '../core/hierarchy/hierarchy-error.js';
import { SEARCH_ERROR_CODES } from '../core/search/search-error.js';
import { REPORT_ERROR_CODES } from '../core/report/report-error.js';

/** The codes of src/services/errors.ts, which declares them as a type only. */
export const SERVICE_ERROR_CODES = [
  'unauthenticated',
  'forbidden',
  'not_found',
  'invalid_transition',
  'validation_failed',
  'conflict',
  'idempotency_conflict',
  'payload_too_large',
  'unsupported_media_type',
  'precondition_failed',
] as const;
// Both ways: the array lists every ServiceErrorCode and nothing else.
type ListedServiceCode = (typeof SERVICE_ERROR_CODES)[number];
const serviceCodesMatch: [
  Exclude<ServiceErrorCode, ListedServiceCode>,
  Exclude<ListedServiceCode, ServiceErrorCode>,
] extends [never, never]
  ? true
  : false = true;
void serviceCodesMatch;

export const ERROR_CODES = [
  ...SERVICE_ERROR_CODES,
  ...HTTP_ERROR_CODES,
  ...STORE_ERROR_CODES,
  ...ENGINE_ERROR_CODES,
  ...LEDGER_ERROR_CODES,
  ...PRIVACY_ERROR_CODES,
  ...HIERARCHY_ERROR_CODES,
  ...SEARCH_ERROR_CODES,
  ...REPORT_ERROR_CODES,
  ...PROVIDER_WORKFLOW_ERROR_CODES,
  ...CALENDAR_ERROR_CODES,
  ...QUERY_ERROR_CODES,
  ...BUYER_WORKFLOW_ERROR_CODES,
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
