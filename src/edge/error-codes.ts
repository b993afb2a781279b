// Every error family anonex throws, each with the codes it exports, and which of those codes the
// HTTP API and the console answer with. A new family adds its array to ERROR_FAMILIES; each of
// its codes then gets a row in problem-catalog.ts (the compiler refuses a code without a row, and
// a row without a code) or a place on INTERNAL_ONLY_CODES. test/edge/error-families.test.ts finds
// every family in src/ and checks it is listed here, and docs/problems.md documents both lists.
import { CALENDAR_ERROR_CODES } from '../core/calendar/calendar-error.js';
import { DEID_ERROR_CODES, POLICY_ERROR_CODES } from '../core/deid/errors.js';
import { FINGERPRINT_ERROR_CODES } from '../core/fingerprint/fingerprint-error.js';
import { HIERARCHY_ERROR_CODES } from '../core/hierarchy/hierarchy-error.js';
import { LEDGER_ERROR_CODES } from '../core/ledger/errors.js';
import { PRIVACY_ERROR_CODES } from '../core/privacy/privacy-error.js';
import { QUERY_ERROR_CODES } from '../core/query/query-error.js';
import { REPORT_ERROR_CODES } from '../core/report/report-error.js';
import { SEARCH_ERROR_CODES } from '../core/search/search-error.js';
import { TABLE_ERROR_CODES } from '../core/table/table-error.js';
import { STORE_ERROR_CODES } from '../domain/store-error-codes.js';
import { BACKUP_ERROR_CODES } from '../domain/backup-error-codes.js';
import { BUYER_WORKFLOW_ERROR_CODES } from '../services/buyer-workflow-error.js';
import { ENGINE_ERROR_CODES } from '../services/engine/engine-error.js';
import { SERVICE_ERROR_CODES } from '../services/errors.js';
import { PROVIDER_WORKFLOW_ERROR_CODES } from '../services/provider-workflow-error.js';
import { HTTP_ERROR_CODES } from './http-error.js';

/** Every error family, by the `area` its class carries, with the codes it exports. */
export const ERROR_FAMILIES = {
  service: SERVICE_ERROR_CODES,
  http: HTTP_ERROR_CODES,
  store: STORE_ERROR_CODES,
  engine: ENGINE_ERROR_CODES,
  ledger: LEDGER_ERROR_CODES,
  privacy: PRIVACY_ERROR_CODES,
  hierarchy: HIERARCHY_ERROR_CODES,
  search: SEARCH_ERROR_CODES,
  report: REPORT_ERROR_CODES,
  provider: PROVIDER_WORKFLOW_ERROR_CODES,
  calendar: CALENDAR_ERROR_CODES,
  query: QUERY_ERROR_CODES,
  buyer: BUYER_WORKFLOW_ERROR_CODES,
  policy: POLICY_ERROR_CODES,
  deid: DEID_ERROR_CODES,
  table: TABLE_ERROR_CODES,
  fingerprint: FINGERPRINT_ERROR_CODES,
  backup: BACKUP_ERROR_CODES,
} as const;

/**
 * Codes that never reach HTTP on purpose: the services turn them into another answer first (a
 * policy or an upload that cannot be read → validation_failed; a pipeline that cannot run → a
 * failed job with its code; fingerprinting runs inside a release). One that escapes anyway is a
 * defect and answers a logged 500, as an unknown error does.
 */
export const INTERNAL_ONLY_CODES = [
  ...POLICY_ERROR_CODES,
  ...DEID_ERROR_CODES,
  ...TABLE_ERROR_CODES,
  ...FINGERPRINT_ERROR_CODES,
  ...BACKUP_ERROR_CODES,
] as const;

type FamilyCode = (typeof ERROR_FAMILIES)[keyof typeof ERROR_FAMILIES][number];
export type InternalOnlyCode = (typeof INTERNAL_ONLY_CODES)[number];
/** A code the HTTP edge answers with: a row of problem-catalog.ts. */
export type ErrorCode = Exclude<FamilyCode, InternalOnlyCode>;

const internalOnly: ReadonlySet<string> = new Set(INTERNAL_ONLY_CODES);

/** Every code the HTTP edge answers with, family by family. */
export const ERROR_CODES: readonly ErrorCode[] = Object.values(ERROR_FAMILIES)
  .flat()
  .filter((code): code is ErrorCode => !internalOnly.has(code));

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
