// Column conversions shared by the provider-workflow repositories (datasets, jobs, reviews, listings):
// JSON is stored as text and booleans as integers, so rows read the same on SQLite and PostgreSQL.

/** Parses a JSON text column; the database only ever holds what the repositories wrote. */
export function fromJsonColumn(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value);
}

export function fromBooleanColumn(value: number | boolean | null): boolean | null {
  return value === null ? null : value === true || value === 1;
}

export function toBooleanColumn(value: boolean): number {
  return value ? 1 : 0;
}

/** Escapes LIKE wildcards so user text matches literally (used with `escape '\\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
