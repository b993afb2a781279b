// Identifiers for aggregates: a readable prefix plus random bits, injectable for deterministic tests.
import { randomBytes } from 'node:crypto';

export interface IdGenerator {
  /** e.g. newId('org') → `org_5f2c9a0d1e7b4c3a9d8e`. */
  newId(prefix: string): string;
}

export const randomIds: IdGenerator = Object.freeze({
  newId: (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`,
});

/** Sequential ids (`org_000001`, …) for tests. */
export function sequentialIds(): IdGenerator {
  let counter = 0;
  return { newId: (prefix) => `${prefix}_${String(++counter).padStart(6, '0')}` };
}
