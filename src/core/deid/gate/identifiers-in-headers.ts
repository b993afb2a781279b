// The gate over identifiers in column names: a pivoted export names a column after a patient
// (张伟_13812345678) and the header row is released with the data.
import { findIdentifierSpans } from '../../detect/spans/find-spans.js';
import type { GateRefusal } from './refusal.js';

/** One refusal per released column whose name holds an identifier (any kind, found as in text). */
export function checkIdentifiersInHeaders(columns: readonly string[]): GateRefusal[] {
  const refusals: GateRefusal[] = [];
  for (const column of columns) {
    const spans = findIdentifierSpans(column);
    if (spans.length > 0)
      refusals.push({
        kind: 'identifier_in_header',
        column,
        identifierKinds: [...new Set(spans.map((s) => s.kind))],
      });
  }
  return refusals;
}
