// Counts a CSV's data rows from its bytes as they pass (an upload on its way to the store), without
// decoding or parsing: the count a profile's sample positions need before its one streamed pass.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The data rows CsvParser reads from the same bytes, for any input it reads without error in an
 * encoding where `"`, CR and LF bytes are only those characters (UTF-8, GB18030; not UTF-16,
 * whose byte-order mark makes `dataRows` undefined). Record ends are LF, CR or CRLF outside
 * quotes; a blank line inside the text is a record, trailing ones are not; the first record is
 * the header. A caller must treat the count as a hint and check it against the rows parsed (a
 * malformed input may count otherwise before the parser refuses it).
 */
export class CsvRowCounter {
  private inQuotes = false;
  /** Record ends followed by some content: each starts a record after the header. */
  private ends = 0;
  /** Record ends since the last content byte (trailing blank lines, unless content follows). */
  private pendingEnds = 0;
  private afterCr = false;
  private first = true;
  private utf16 = false;

  write(chunk: Uint8Array): void {
    if (this.first && chunk.length > 0) {
      this.first = false;
      // UTF-16 byte-order marks: its code units' bytes can equal `"`, CR or LF.
      this.utf16 =
        (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff);
    }
    if (this.utf16) return;
    let { inQuotes, ends, pendingEnds, afterCr } = this;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (inQuotes) {
        // Inside quotes every byte is content; `""` leaves and re-enters.
        if (byte === QUOTE) inQuotes = false;
      } else if (byte === LF) {
        if (!afterCr) pendingEnds++;
        afterCr = false;
        continue;
      } else if (byte === CR) {
        pendingEnds++;
        afterCr = true;
        continue;
      } else if (byte === QUOTE) inQuotes = true;
      ends += pendingEnds;
      pendingEnds = 0;
      afterCr = false;
    }
    this.inQuotes = inQuotes;
    this.ends = ends;
    this.pendingEnds = pendingEnds;
    this.afterCr = afterCr;
  }

  /** Data rows so far, as if the input ended here; undefined for UTF-16 input. */
  get dataRows(): number | undefined {
    return this.utf16 ? undefined : this.ends;
  }
}
