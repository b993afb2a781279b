// Shared by detect and anonymize: reading a table file with format, encoding and delimiter flags.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { createHash } from 'node:crypto';
import {
  EncodedReadPasses,
  readTable,
  toTextEncodingName,
  TableError,
  type EncodedLoadedTable,
  type EncodePlan,
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
    throw unreadableFile(path, error);
  }
}

function unreadableFile(path: string, error: unknown): TableError {
  return new TableError('table_input_unreadable', `cannot read ${path}`, {
    details: { path, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' },
    cause: error,
  });
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

/** Bytes read from a file at a time when it is streamed. */
const FILE_CHUNK_BYTES = 1 << 20;

/**
 * Reads a table file keeping only what `plan` asks for (core/table EncodedReadPasses), streamed
 * from disk once per pass: neither the file's bytes nor its dropped columns are ever held whole.
 * Returns the file's SHA-256 too (from the first pass).
 */
export function loadEncodedTableFile(
  path: string,
  flags: TableInputFlags,
  plan: EncodePlan,
): EncodedLoadedTable & { sha256: string } {
  let sha256: string | undefined;
  const passes = new EncodedReadPasses(plan, flags);
  for (let reader = passes.next(); reader !== undefined; reader = passes.next()) {
    const hash = sha256 === undefined ? createHash('sha256') : undefined;
    for (const chunk of fileChunks(path)) {
      hash?.update(chunk);
      reader.write(chunk);
      if (reader.restartWith !== undefined) break;
    }
    // A pass cut short by a restart has not hashed the whole file: the next pass does.
    if (reader.restartWith === undefined) sha256 ??= hash?.digest('hex');
    passes.finish(reader);
  }
  return { ...passes.result(), sha256: sha256 as string };
}

/** The file's bytes in chunks (each a fresh buffer: readers may keep them). */
function* fileChunks(path: string): Generator<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unreadableFile(path, error);
  }
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(FILE_CHUNK_BYTES);
      const read = readSync(fd, chunk, 0, FILE_CHUNK_BYTES, null);
      if (read === 0) return;
      yield chunk.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
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
