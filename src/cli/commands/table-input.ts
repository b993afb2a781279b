// Shared by detect and anonymize: reading a table file with format, encoding and delimiter flags.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { createHash } from 'node:crypto';
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

/** Reads and parses a table file, returning its SHA-256 too. */
export function loadTableFile(
  path: string,
  flags: TableInputFlags,
): LoadedTable & { sha256: string } {
  const bytes = readFileBytes(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { ...readTable(bytes, flags), sha256 };
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

/** Adds `--format`, `--encoding` and `--delimiter` for the input table to a command. */
export function withTableInputOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--format <format>', 'input format: auto, csv, jsonl, arrow').argParser(
        parseFormatFlag,
      ),
    )
    .addOption(
      new Option(
        '--encoding <encoding>',
        'input text encoding (default: BOM, UTF-8, then GB18030)',
      ).argParser(parseEncodingFlag),
    )
    .addOption(
      new Option(
        '--delimiter <d>',
        'input CSV delimiter (default: sniffed among , ; tab |)',
      ).argParser(parseDelimiterFlag),
    );
}
