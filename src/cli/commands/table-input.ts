// Shared by detect and anonymize: reading a table file with format, encoding and delimiter flags.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InvalidArgumentError } from 'commander';
import {
  readTable,
  toTextEncodingName,
  TableError,
  type LoadedTable,
  type TableFormat,
  type TextEncodingName,
} from '../../core/table/index.js';

export interface TableInputFlags {
  readonly format?: TableFormat | 'auto';
  readonly encoding?: TextEncodingName;
  readonly delimiter?: string;
}

/** Reads a file's bytes; a missing or unreadable file is a typed error naming the path. */
export function readFileBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new TableError('table_input_unreadable', `cannot read ${path}`, {
      details: { path, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' },
      cause: error,
    });
  }
}

/** Reads and parses a table file. */
export function loadTableFile(path: string, flags: TableInputFlags): LoadedTable {
  return readTable(readFileBytes(path), flags);
}

/** The format a file name implies: .jsonl/.ndjson, .arrow/.feather/.ipc, else CSV. */
export function formatOfPath(path: string): TableFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.arrow' || ext === '.feather' || ext === '.ipc') return 'arrow';
  return 'csv';
}

export function parseEncodingFlag(value: string): TextEncodingName {
  try {
    return toTextEncodingName(value);
  } catch {
    throw new InvalidArgumentError('want auto, utf-8, gb18030, gbk, utf-16le or utf-16be');
  }
}

export function parseFormatFlag(value: string): TableFormat | 'auto' {
  if (!['auto', 'csv', 'jsonl', 'arrow'].includes(value))
    throw new InvalidArgumentError('want auto, csv, jsonl or arrow');
  return value as TableFormat | 'auto';
}

export function parseDelimiterFlag(value: string): string {
  const delimiter = value === '\\t' || value === 'tab' ? '\t' : value;
  if (delimiter.length !== 1) throw new InvalidArgumentError('want one character (or tab)');
  return delimiter;
}
