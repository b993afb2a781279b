// Scrubbing free text: every identifier span detect finds is replaced by a typed placeholder
// (〔身份证号〕, 〔手机号〕…) and the rest of the sentence is kept; or the whole cell is emptied.
import { KIND_LABELS, type IdentifierKind } from '../../detect/kinds.js';
import { findIdentifierSpans } from '../../detect/spans/find-spans.js';
import { countCodes, mapDictionary, type DictionaryColumn } from '../../table/dictionary-column.js';
import type { ScrubCell } from '../policy.js';

/** What one scrub removed from a column, weighted by rows (the report's figures). */
export interface ScrubCounts {
  /** Spans replaced (or cells emptied holding them) per kind. */
  readonly spansByKind: Readonly<Partial<Record<IdentifierKind, number>>>;
  /** Non-empty cells holding at least one span. */
  readonly cellsWithSpans: number;
  /** Cells emptied (`cell: drop`). */
  readonly cellsDropped: number;
  /** Characters of the input text that survive (placeholders not counted), over all its characters. */
  readonly textKept: number;
}

export interface ScrubOptions {
  readonly kinds?: readonly IdentifierKind[];
  readonly cell: ScrubCell;
  /** The column's name: a header such as `QQ` stands as a label before every value. */
  readonly context?: string;
}

/**
 * One value scrubbed: the spans findIdentifierSpans reports (in the original's offsets, so a
 * zero-width space inside an ID goes with it) replaced right to left by their placeholders, or ''
 * when the policy drops a cell holding any. Returns the kinds it replaced.
 */
export function scrubValue(
  value: string,
  options: ScrubOptions,
): { readonly text: string; readonly kinds: readonly IdentifierKind[] } {
  const spans = findIdentifierSpans(value, {
    ...(options.kinds ? { kinds: options.kinds } : {}),
    ...(options.context ? { context: options.context } : {}),
  });
  if (spans.length === 0) return { text: value, kinds: [] };
  const kinds = spans.map((span) => span.kind);
  if (options.cell === 'drop') return { text: '', kinds };
  let text = '';
  let from = 0;
  for (const span of spans) {
    text += value.slice(from, span.start) + KIND_LABELS[span.kind].placeholder;
    from = span.end;
  }
  return { text: text + value.slice(from), kinds };
}

/**
 * Scrubs every distinct value once (work ∝ distinct values) and counts, weighted by the rows
 * holding each value, the spans per kind, the cells touched and the share of text kept.
 */
export function scrubColumn(
  column: DictionaryColumn,
  options: ScrubOptions,
): { readonly column: DictionaryColumn; readonly counts: ScrubCounts } {
  const rows = countCodes(column);
  const spansByKind: Partial<Record<IdentifierKind, number>> = {};
  let cellsWithSpans = 0;
  let cellsDropped = 0;
  let charactersIn = 0;
  let charactersKept = 0;
  const scrubbed = mapDictionary(column, (value, code) => {
    const weight = rows[code];
    charactersIn += value.length * weight;
    const { text, kinds } = scrubValue(value, options);
    if (kinds.length === 0) {
      charactersKept += value.length * weight;
      return value;
    }
    cellsWithSpans += weight;
    if (text === '') cellsDropped += weight;
    for (const kind of kinds) spansByKind[kind] = (spansByKind[kind] ?? 0) + weight;
    let placeholders = 0;
    if (options.cell === 'placeholder')
      for (const kind of kinds) placeholders += KIND_LABELS[kind].placeholder.length;
    charactersKept += (text.length - placeholders) * weight;
    return text;
  });
  return {
    column: scrubbed,
    counts: {
      spansByKind,
      cellsWithSpans,
      cellsDropped,
      textKept: charactersIn === 0 ? 1 : charactersKept / charactersIn,
    },
  };
}
