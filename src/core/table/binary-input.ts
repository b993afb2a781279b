// Recognises a binary file handed in as a table (a spreadsheet, an archive, a PDF), so the error
// says "binary file" instead of blaming the text encoding of bytes that were never text.

/** Bytes inspected for a NUL; a text table in UTF-8 or GB18030 never holds one. */
const NUL_SCAN_BYTES = 8192;

interface Signature {
  readonly magic: readonly number[];
  readonly name: string;
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** File signatures of the binary files people most often mistake for a table export. */
const SIGNATURES: readonly Signature[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (an Excel .xlsx workbook is one)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], name: 'an OLE2 document (an Excel .xls workbook)' },
  { magic: ascii('PAR1'), name: 'a Parquet file' },
  { magic: [0x1f, 0x8b], name: 'a gzip archive' },
  { magic: ascii('%PDF-'), name: 'a PDF document' },
  { magic: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { magic: ascii('SQLite format 3'), name: 'an SQLite database' },
];

/**
 * What kind of binary file `prefix` (the input's first bytes) starts, or undefined when it may be
 * text. Callers skip this for UTF-16 input, whose ASCII characters carry NUL bytes.
 */
export function describeBinaryInput(prefix: Uint8Array): string | undefined {
  for (const { magic, name } of SIGNATURES)
    if (prefix.length >= magic.length && magic.every((byte, i) => prefix[i] === byte)) return name;
  const scanned = Math.min(prefix.length, NUL_SCAN_BYTES);
  for (let i = 0; i < scanned; i++) if (prefix[i] === 0) return 'a binary file';
  return undefined;
}
