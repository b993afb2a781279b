// HTML escaping for text and attribute values: the rendered report and the console pages use this
// one function (values come from uploads and from users).

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // Old browsers also end unquoted attribute values at a backtick.
  '`': '&#96;',
};

/** Escapes the characters that matter in HTML text and quoted attributes, and the backtick. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}
