// Reconciliation of the business tables with the ledger (issue 16, item 7): what each row says
// against what the latest ledger entry about it commits to, both ways. The services turn rows and
// opened entries into the facts below; this file only compares, so the CLI audit, the start check
// and the tests share one notion of "a difference".
import { canonicalJson } from '../canonical-json.js';

/** What the audit reconciles: the row kinds that must each match a ledger entry. */
export const RECONCILED_SUBJECTS = [
  'trade',
  'review_decision',
  'listing',
  'access_decision',
  'entitlement_revocation',
  'entitlement_suspension',
] as const;
export type ReconciledSubject = (typeof RECONCILED_SUBJECTS)[number];

/** One value a row holds and the entry field (a dotted path into the opened entry) that pins it. */
export interface RowCheck {
  /** Where the value lives in the database, e.g. `trades.price_fen`. */
  readonly column: string;
  /** The entry field that commits to it, e.g. `price_fen` or `entitlement.columns`. */
  readonly path: string;
  readonly value: unknown;
}

/** What the database says about one subject. */
export interface RowFacts {
  readonly subject: ReconciledSubject;
  readonly id: string;
  /** False for rows in a state no entry records yet (a draft listing, a pending review). */
  readonly entryExpected: boolean;
  readonly checks: readonly RowCheck[];
}

/** What one ledger entry says about one subject: the entry with the stored openings applied. */
export interface EntryFacts {
  readonly subject: ReconciledSubject;
  readonly id: string;
  /** Leaf index of the entry; null while the event waits in the outbox (it is the latest then). */
  readonly leafIndex: number | null;
  readonly entry: Readonly<Record<string, unknown>>;
  /** Committed fields whose stored opening is missing or does not hash to the commitment. */
  readonly unopened: Readonly<Record<string, 'opening_missing' | 'opening_mismatch'>>;
}

export type ReconciliationDifference =
  /** A row that should have a ledger entry has none. */
  | { readonly kind: 'entry_missing'; readonly subject: ReconciledSubject; readonly id: string }
  /** A ledger entry names a row that is not in the database. */
  | {
      readonly kind: 'row_missing';
      readonly subject: ReconciledSubject;
      readonly id: string;
      readonly leafIndex: number | null;
    }
  /** The row holds one value, the entry commits to another. */
  | {
      readonly kind: 'field_mismatch';
      readonly subject: ReconciledSubject;
      readonly id: string;
      readonly leafIndex: number | null;
      readonly column: string;
      readonly field: string;
      readonly database: unknown;
      readonly ledger: unknown;
    }
  /** The cheap start check: the table holds another number of rows than the ledger has entries. */
  | {
      readonly kind: 'count_mismatch';
      readonly subject: ReconciledSubject;
      /** Always `*`: a count names no single row (`anonex ledger audit` finds which). */
      readonly id: '*';
      readonly database: number;
      readonly ledger: number;
    }
  /** The committed field cannot be compared: its stored opening is missing or wrong. */
  | {
      readonly kind: 'opening_missing' | 'opening_mismatch';
      readonly subject: ReconciledSubject;
      readonly id: string;
      readonly leafIndex: number | null;
      readonly column: string;
      readonly field: string;
    };

const keyOf = (subject: string, id: string) => `${subject}\n${id}`;

/** Later entries win; an entry still in the outbox (null) is later than every sequenced one. */
const isLater = (candidate: EntryFacts, current: EntryFacts): boolean =>
  (candidate.leafIndex ?? Number.POSITIVE_INFINITY) >=
  (current.leafIndex ?? Number.POSITIVE_INFINITY);

/** The value at a dotted path of an entry; undefined where the path leads nowhere. */
export function valueAtPath(entry: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = entry;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const sameValue = (a: unknown, b: unknown): boolean =>
  a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b);

/**
 * Compares each row with the latest entry about the same subject and id, and reports entries
 * whose row is missing. Rows absent from `rows` are not looked for (a caller checking a window
 * passes the rows that window names). Differences come sorted by subject, id and column.
 */
export function reconcileFacts(
  rows: readonly RowFacts[],
  entries: readonly EntryFacts[],
): ReconciliationDifference[] {
  const latest = new Map<string, EntryFacts>();
  for (const entry of entries) {
    const key = keyOf(entry.subject, entry.id);
    const current = latest.get(key);
    if (current === undefined || isLater(entry, current)) latest.set(key, entry);
  }
  const differences: ReconciliationDifference[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = keyOf(row.subject, row.id);
    seen.add(key);
    const entry = latest.get(key);
    if (entry === undefined) {
      if (row.entryExpected)
        differences.push({ kind: 'entry_missing', subject: row.subject, id: row.id });
      continue;
    }
    for (const check of row.checks) {
      const where = { subject: row.subject, id: row.id, leafIndex: entry.leafIndex };
      const field = check.path;
      const unopened = entry.unopened[field.split('.')[0]];
      if (unopened !== undefined) {
        differences.push({ kind: unopened, ...where, column: check.column, field });
        continue;
      }
      const logged = valueAtPath(entry.entry, field);
      if (!sameValue(check.value, logged)) {
        differences.push({
          kind: 'field_mismatch',
          ...where,
          column: check.column,
          field,
          database: check.value,
          ledger: logged,
        });
      }
    }
  }
  for (const [key, entry] of latest) {
    if (!seen.has(key)) {
      differences.push({
        kind: 'row_missing',
        subject: entry.subject,
        id: entry.id,
        leafIndex: entry.leafIndex,
      });
    }
  }
  return differences.sort(compareDifferences);
}

function compareDifferences(a: ReconciliationDifference, b: ReconciliationDifference): number {
  const columnOf = (d: ReconciliationDifference) => ('column' in d ? d.column : '');
  return (
    a.subject.localeCompare(b.subject) ||
    a.id.localeCompare(b.id) ||
    columnOf(a).localeCompare(columnOf(b))
  );
}

const shown = (value: unknown): string =>
  value === undefined ? '(absent)' : JSON.stringify(value);

/** One line naming the difference: subject, id, the column and both values. */
export function describeDifference(difference: ReconciliationDifference): string {
  const at = (leafIndex: number | null) =>
    leafIndex === null ? 'the pending outbox entry' : `ledger entry ${leafIndex}`;
  const who = `${difference.subject} ${difference.id}`;
  switch (difference.kind) {
    case 'entry_missing':
      return `${who}: the database has the row, the ledger has no entry for it`;
    case 'row_missing':
      return `${who}: ${at(difference.leafIndex)} records it, the database has no such row`;
    case 'field_mismatch':
      return `${who}: ${difference.column} is ${shown(difference.database)} in the database, ${at(difference.leafIndex)} commits to ${difference.field} = ${shown(difference.ledger)}`;
    case 'count_mismatch':
      return `${difference.subject}: the database holds ${difference.database} rows, the ledger ${difference.ledger} entries (run \`anonex ledger audit\` to find which)`;
    case 'opening_missing':
      return `${who}: ${difference.column} cannot be checked: no stored opening of ${difference.field} for ${at(difference.leafIndex)}`;
    case 'opening_mismatch':
      return `${who}: ${difference.column} cannot be checked: the stored opening of ${difference.field} does not open the commitment in ${at(difference.leafIndex)}`;
  }
}
