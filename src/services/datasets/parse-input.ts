// Parses service input with a zod schema; failures become `validation_failed` naming each field.
import type { z } from 'zod';
import type { FieldIssue } from '../../core/errors.js';
import { codeOfZodIssue } from '../../core/zod-issue-code.js';
import { validationFailed } from '../errors.js';

export { codeOfZodIssue };

/** Zod issues as our field issues (`a.b.0.c`), the root named `(root)`. */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(root)',
    reason: issue.message,
    ...codeOfZodIssue(issue),
  }));
}

/** Returns the parsed value or throws `validation_failed` ("invalid <what>"). */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw validationFailed(`invalid ${what}`, toFieldIssues(parsed.error.issues));
}
