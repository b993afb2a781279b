// The first records of a CSV or JSON Lines text, found in its leading bytes: a listing's preview
// shows a few rows of an artifact that may hold millions, and reads only the bytes they fill.

const QUOTE = 0x22;
const LF = 0x0a;

/**
 * Leading bytes of `text` that read as a table whose first `records` rows are the whole text's
 * (the caller keeps those rows: a few more may follow), or undefined when the bytes given end
 * before that: the caller reads more and asks again. The whole `text` is returned when `complete`
 * says nothing follows it. The head ends after the header line (CSV) and `records` records
 * (CSV) or non-blank lines (JSON Lines), extended to the next line with content.
 *
 * Works on the bytes of UTF-8 and GB18030 text, where a quote (0x22) or line feed (0x0A) byte is
 * always that character, never part of another; a CSV line feed ends a record only outside quotes
 * (RFC 4180: a doubled quote inside a quoted cell toggles twice). JSON Lines escapes line feeds
 * inside strings, so every line feed ends a line.
 */
export function textTableHead(
  text: Uint8Array,
  format: 'csv' | 'jsonl',
  records: number,
  complete = false,
): Uint8Array | undefined {
  // CSV: the header line, then the records; JSON Lines has no header.
  let wanted = format === 'csv' ? records + 1 : records;
  let quoted = false;
  let lineHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (format === 'csv' && byte === QUOTE) quoted = !quoted;
    if (byte === LF && !quoted) {
      if (format === 'csv' || lineHasContent) wanted--;
      // Ends on a line with content: a reader drops blank lines at the end of its input, and in a
      // one-column CSV a blank line is a record of one empty cell.
      if (wanted <= 0 && lineHasContent) return text.subarray(0, i + 1);
      lineHasContent = false;
    } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
      lineHasContent = true;
    }
  }
  return complete ? text : undefined;
}
