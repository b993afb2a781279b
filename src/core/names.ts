// The one check of a name a person gives something (an organization, a member, an API key label, a
// dataset, a listing's title and tags): names are shown to other people in lists, logs, the
// console and receipts, so a name must be visible text that reads as it is stored.
import { z } from 'zod';

/** Longest name, in UTF-16 code units, unless a caller allows less or more. */
export const NAME_MAX_LENGTH = 200;

/**
 * Control characters (NUL included), and the characters that reorder or isolate text (bidi
 * embeddings, overrides and isolates, the directional marks): "\u202egnp.exe" shows as "exe.png".
 */
const FORBIDDEN = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** A character that shows: anything but format characters (zero-width ones), separators and spaces. */
const VISIBLE = /[^\p{Cf}\p{Z}\s]/u;

/**
 * Why `name` (already trimmed) cannot be a name, or undefined when it can: empty, longer than
 * `maxLength`, holding a control or bidi control character, or with nothing visible (only
 * zero-width characters).
 */
export function nameProblem(name: string, maxLength = NAME_MAX_LENGTH): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > maxLength) return `at most ${maxLength} characters`;
  if (FORBIDDEN.test(name)) {
    return 'must not hold control characters (NUL, line breaks) or bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)';
  }
  if (!VISIBLE.test(name)) return 'must hold a visible character, not only zero-width ones';
  return undefined;
}

/** A zod string schema that trims and then applies `nameProblem`. */
export function nameSchema(maxLength = NAME_MAX_LENGTH) {
  return z
    .string()
    .trim()
    .superRefine((name, context) => {
      const problem = nameProblem(name, maxLength);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
    });
}
