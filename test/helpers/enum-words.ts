// The domain's enum values (states, roles, kinds, phases, frequencies, codes…), gathered from the
// code that defines them: none of them may show as an English word in a page read in 中文.
import { IDENTIFIER_KINDS } from '../../src/core/detect/kinds.js';
import { TRANSFORM_NAMES } from '../../src/core/deid/parse-transform.js';
import { AGGREGATE_FUNCTIONS } from '../../src/core/query/query-model.js';
import {
  ACCESS_REQUEST_STATES,
  DEADLINE_BASES,
  ENTITLEMENT_STATES,
  JOB_STATES,
  LISTING_STATES,
  ORGANIZATION_KINDS,
  REVIEW_STATES,
  ROLES,
} from '../../src/domain/index.js';
import { REFUSAL_REASON_CODES } from '../../src/services/access-requests/access-request-rules.js';
import {
  SECURITY_GRADES,
  SHARING_METHODS,
  SHARING_TYPES,
  UPDATE_FREQUENCIES,
} from '../../src/services/datasets/catalog-metadata.js';
import { JOB_PHASES } from '../../src/services/engine/anonymization-engine.js';
import { LEDGER_EVENT_KINDS } from '../../src/services/ledger-outbox.js';
import { PURPOSE_CODES } from '../../src/services/listings/listing-terms.js';

/** Policy column roles, privacy models, detected column types, usage kinds, sort directions, contexts. */
const SPELLED_HERE = [
  'identifier',
  'quasi',
  'sensitive',
  'insensitive',
  'k-anonymity',
  'distinct-l-diversity',
  'entropy-l-diversity',
  'recursive-cl-diversity',
  't-closeness',
  'delta-disclosure',
  'gbt42460',
  'prosecutor-risk',
  'records-at-risk',
  'zayatz',
  'integer',
  'number',
  'boolean',
  'datetime',
  'string',
  'download',
  'query',
  'asc',
  'desc',
  'public-release',
  'data-use-agreement',
  'enclave',
];

/** Every enum value of three letters or more (shorter ones, like `k`, are not words). */
export const ENUM_WORDS: readonly string[] = [
  ...new Set([
    ...JOB_STATES,
    ...REVIEW_STATES,
    ...LISTING_STATES,
    ...ACCESS_REQUEST_STATES,
    ...ENTITLEMENT_STATES,
    ...ROLES,
    ...ORGANIZATION_KINDS,
    ...DEADLINE_BASES,
    ...UPDATE_FREQUENCIES,
    ...SHARING_TYPES,
    ...SHARING_METHODS,
    ...SECURITY_GRADES,
    ...PURPOSE_CODES,
    ...REFUSAL_REASON_CODES,
    ...JOB_PHASES,
    ...LEDGER_EVENT_KINDS,
    ...IDENTIFIER_KINDS,
    ...TRANSFORM_NAMES,
    ...AGGREGATE_FUNCTIONS,
    ...SPELLED_HERE,
  ]),
].filter((word) => word.length >= 3);

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The enum values `text` shows as words: case-sensitive (they are lowercase; `CSV` is a name),
 * bounded by anything but letters, digits, `_`, `-` and `.` (so `visit_date` is not `date`).
 */
export function enumWordsIn(text: string): string[] {
  return ENUM_WORDS.filter((word) =>
    new RegExp(`(?<![A-Za-z0-9_.-])${escape(word)}(?![A-Za-z0-9_-])`).test(text),
  );
}

/** Internal spellings of a field a person must never read in an error. */
export const FIELD_PATH = /\$\.|\[\d+\]|\b[a-z]+[A-Z]\w*\.[a-z]\w*|\b[a-z]+(?:[A-Z][a-z]+)+\b/;
