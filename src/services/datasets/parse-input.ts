// Parses service input with a zod schema; failures become `validation_failed` naming each field.
import type { z } from 'zod';
import type { FieldIssue } from '../../core/errors.js';
import { validationFailed } from '../errors.js';

type Coded = Pick<FieldIssue, 'code' | 'params'>;

/** A zod issue's reason code, so the console can say it in the page's language. */
export function codeOfZodIssue(issue: z.core.$ZodIssue): Coded {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return { code: min <= 1 ? 'required' : 'too_short', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'too_few', params: { min } };
      return { code: 'too_small', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'too_many', params: { max } };
      return { code: 'too_large', params: { max } };
    }
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return { code: 'required' };
      if (issue.expected === 'int') return { code: 'not_integer' };
      return { code: 'invalid' };
    case 'invalid_value':
      return issue.values.length === 1 && issue.values[0] === true
        ? { code: 'must_be_checked' }
        : { code: 'not_allowed', params: { allowed: issue.values.map(String).join(', ') } };
    default:
      return { code: 'invalid' };
  }
}

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
