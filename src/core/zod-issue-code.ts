// A zod issue's reason code (and the figures its message needs), so a caller can say it in its
// own language: the console translates the code; `reason` stays zod's English sentence.
import type { z } from 'zod';
import { FIELD_ISSUE_CODES, type FieldIssue, type FieldIssueCode } from './errors.js';

const isFieldIssueCode = (value: unknown): value is FieldIssueCode =>
  (FIELD_ISSUE_CODES as readonly unknown[]).includes(value);

/** The options of a zod refinement whose failure carries `code` (and the English `message`). */
export function codedRefinement(code: FieldIssueCode, message: string) {
  return { message, params: { code } };
}

type Coded = Required<Pick<FieldIssue, 'code'>> & Pick<FieldIssue, 'params'>;

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
    case 'custom': {
      // A refinement names its code in `params.code` (see `codedRefinement`).
      const code = issue.params?.code;
      return isFieldIssueCode(code) ? { code } : { code: 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}
