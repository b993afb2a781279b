// The gate over identifiers inside cells: an ID in a sentence, two phones in one cell, an ID behind
// a label, a zero-width space, base64, JSON or scientific notation (detect's span finder reads
// through all of them). Scrubbed free text must hold none; any other column none of the kinds a
// check digit or grammar makes certain, and the pattern kinds in under 5 % of its cells.
import { FINDING_MIN_RATE } from '../../detect/detect-columns.js';
import type { IdentifierKind } from '../../detect/kinds.js';
import { findIdentifierSpans } from '../../detect/spans/find-spans.js';
import { countCodes, type DictionaryColumn } from '../../table/dictionary-column.js';
import type { GateRefusal } from './refusal.js';

/**
 * Kinds found from a pattern many ordinary values share (names, addresses, plates, landlines,
 * account-style numbers after a label): in a column that is not free text, a rare hit is more
 * likely a drug or a street name than a person, so they refuse from SPAN_PATTERN_MIN_SHARE.
 */
const PATTERN_KINDS: ReadonlySet<IdentifierKind> = new Set([
  'cn_name',
  'cn_address',
  'cn_plate',
  'cn_landline',
  'cn_passport',
  'qq_number',
  'wechat_id',
  'medical_record_no',
  'social_security_no',
  'gps_coordinate',
]);

/**
 * Share of a column's non-empty cells from which a pattern kind inside them is refused: the share
 * at which `detect` lists a finding (FINDING_MIN_RATE), as for whole cells.
 */
export const SPAN_PATTERN_MIN_SHARE = FINDING_MIN_RATE;

export interface CellSpans {
  readonly nonEmpty: number;
  /** Rows whose cell holds at least one span of the kind. */
  readonly cellsByKind: ReadonlyMap<IdentifierKind, number>;
}

/** Counts, per kind, the rows whose cell holds a span (each distinct value scanned once). */
export function countCellsWithSpans(column: DictionaryColumn): CellSpans {
  const rows = countCodes(column);
  const cellsByKind = new Map<IdentifierKind, number>();
  let nonEmpty = 0;
  column.dictionary.forEach((value, code) => {
    if (value === '' || rows[code] === 0) return;
    nonEmpty += rows[code];
    const kinds = new Set(findIdentifierSpans(value, { context: column.name }).map((s) => s.kind));
    for (const kind of kinds) cellsByKind.set(kind, (cellsByKind.get(kind) ?? 0) + rows[code]);
  });
  return { nonEmpty, cellsByKind };
}

/**
 * One refusal per kind found inside the released cells of `column`: any kind in free text (what
 * the scrub left), and in any other column a certain kind in any cell or a pattern kind in at
 * least SPAN_PATTERN_MIN_SHARE of the cells. `exempt` lists kinds the column holds by
 * construction (synthetic values drawn independently of the input).
 */
export function checkIdentifiersInCells(
  column: DictionaryColumn,
  freeText: boolean,
  exempt: ReadonlySet<string> = new Set(),
): GateRefusal[] {
  const { nonEmpty, cellsByKind } = countCellsWithSpans(column);
  const refusals: GateRefusal[] = [];
  for (const [kind, cells] of cellsByKind) {
    if (exempt.has(kind)) continue;
    if (freeText || !PATTERN_KINDS.has(kind) || cells / nonEmpty >= SPAN_PATTERN_MIN_SHARE)
      refusals.push({
        kind: 'identifier_in_cells',
        column: column.name,
        identifierKind: kind,
        cells,
      });
  }
  return refusals;
}
