// CSV delimiter sniffing, and parsing a whole CSV text into string columns.
import { CsvParser, type ParsedCsv } from './csv-parser.js';

export type { ParsedCsv } from './csv-parser.js';

/** Delimiters the sniffer considers, in order of preference on ties. */
export const CSV_DELIMITERS: readonly string[] = [',', ';', '\t', '|'];

/**
 * Picks the delimiter among `,` `;` tab `|`: the one that splits the first lines (quotes respected)
 * into the same number (> 1) of fields on every line, the most fields winning; else the one most
 * frequent on the header line; else `,` (a one-column file).
 */
export function sniffDelimiter(text: string): string {
  const lines = firstLines(text, 20);
  let best = '';
  let bestFields = 1;
  for (const delimiter of CSV_DELIMITERS) {
    const counts = lines.map((line) => countFields(line, delimiter));
    if (counts.every((c) => c === counts[0]) && counts[0] > bestFields) {
      best = delimiter;
      bestFields = counts[0];
    }
  }
  if (best) return best;
  for (const delimiter of CSV_DELIMITERS) {
    const fields = lines.length > 0 ? countFields(lines[0], delimiter) : 1;
    if (fields > bestFields) {
      best = delimiter;
      bestFields = fields;
    }
  }
  return best || ',';
}

function firstLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length && lines.length < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) {
      const line = text.slice(start, text.charCodeAt(i - 1) === 13 ? i - 1 : i);
      if (line.length > 0) lines.push(line);
      start = i + 1;
    }
  }
  if (lines.length < max && start < text.length) lines.push(text.slice(start));
  return lines;
}

function countFields(line: string, delimiter: string): number {
  let fields = 1;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) fields++;
  }
  return fields;
}

/** Parses a whole CSV text; see CsvParser for the grammar and the errors. */
export function parseCsv(text: string, delimiter: string = sniffDelimiter(text)): ParsedCsv {
  const parser = new CsvParser(delimiter);
  parser.write(text);
  return parser.end();
}
