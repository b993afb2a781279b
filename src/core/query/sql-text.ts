// SQL text the query compiler may emit for names: quoted identifiers only, never user text as SQL.
import { QueryError } from './query-error.js';

/**
 * `name` as a DuckDB/PostgreSQL quoted identifier (`"a""b"` for `a"b`). Callers pass names taken
 * from an artifact's schema, never from a request; quoting makes even a hostile column name
 * (`x"; DROP …`) one identifier. A NUL cannot appear in a quoted identifier and is refused.
 */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) {
    throw new QueryError('query_invalid', 'a column name contains NUL', {
      issues: [{ field: '$', reason: 'column names may not contain NUL' }],
    });
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** A value bound to a `?` placeholder: user values only ever travel this way. */
export type SqlParameter = string | number | boolean;

/** SQL text with `?` placeholders and their values in text order. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly SqlParameter[];
}

/**
 * SQL from a template: the literal parts are code written here; every interpolated part is a
 * fragment (a quoted identifier, a placeholder, or a fragment built the same way), so a string
 * from outside cannot be spliced in by mistake.
 */
export function sql(strings: TemplateStringsArray, ...parts: readonly SqlFragment[]): SqlFragment {
  let text = strings[0];
  const params: SqlParameter[] = [];
  parts.forEach((part, index) => {
    text += part.sql;
    params.push(...part.params);
    text += strings[index + 1];
  });
  return { sql: text, params };
}

/** A column name from the artifact's schema as a quoted identifier fragment. */
export const identifier = (name: string): SqlFragment => ({
  sql: quoteIdentifier(name),
  params: [],
});

/** One placeholder bound to `value`. */
export const parameter = (value: SqlParameter): SqlFragment => ({ sql: '?', params: [value] });

/** Fragments joined by trusted `separator`. */
export function joinSql(fragments: readonly SqlFragment[], separator: string): SqlFragment {
  return {
    sql: fragments.map((fragment) => fragment.sql).join(separator),
    params: fragments.flatMap((fragment) => fragment.params),
  };
}

/** `base`, or `base_1`, `base_2`… — the first that is not in `taken`: a computed column's name. */
export function unusedName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let suffix = 1; taken.has(name); suffix++) name = `${base}_${suffix}`;
  return name;
}
