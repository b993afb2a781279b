// Parses ARX hierarchy files (semicolon CSV, one row per value: `value;level1;…;*`) into a typed hierarchy.
import { buildHierarchy } from './generalization-hierarchy.js';
import type { GeneralizationHierarchy, HierarchyRow } from './generalization-hierarchy.js';
import { HierarchyError } from './hierarchy-error.js';

export interface ParseHierarchyOptions {
  /** Field separator; ARX writes `;`. */
  readonly delimiter?: string;
}

/**
 * Parses the text of an ARX hierarchy file. Accepts LF or CRLF line ends, a UTF-8 BOM, and
 * fields quoted with `"` (a doubled `""` inside quotes is one quote). Blank lines are skipped.
 * Errors are `HierarchyError`s with the 1-based `line`: see `buildHierarchy` for the checks.
 */
export function parseHierarchy(
  text: string,
  options: ParseHierarchyOptions = {},
): GeneralizationHierarchy {
  const delimiter = options.delimiter ?? ';';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: HierarchyRow[] = [];
  const lines = body.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length === 0) continue;
    rows.push({ labels: splitFields(line, delimiter, index + 1), line: index + 1 });
  }
  return buildHierarchy(rows);
}

function splitFields(line: string, delimiter: string, lineNumber: number): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let position = 0;
  while (true) {
    if (line[position] === '"') {
      let value = '';
      let cursor = position + 1;
      while (true) {
        const close = line.indexOf('"', cursor);
        if (close === -1)
          throw new HierarchyError(
            'hierarchy_unterminated_quote',
            `hierarchy line ${lineNumber} has an unterminated quoted field`,
            { details: { line: lineNumber } },
          );
        value += line.slice(cursor, close);
        if (line[close + 1] === '"') {
          value += '"';
          cursor = close + 2;
          continue;
        }
        position = close + 1;
        break;
      }
      fields.push(value);
    } else {
      const end = line.indexOf(delimiter, position);
      fields.push(line.slice(position, end === -1 ? line.length : end));
      position = end === -1 ? line.length : end;
    }
    if (position >= line.length) break;
    if (!line.startsWith(delimiter, position))
      throw new HierarchyError(
        'hierarchy_unterminated_quote',
        `hierarchy line ${lineNumber} has text after a closing quote`,
        { details: { line: lineNumber } },
      );
    position += delimiter.length;
    if (position === line.length) {
      fields.push('');
      break;
    }
  }
  return fields;
}
