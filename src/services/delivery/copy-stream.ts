// Streams a buyer's copy from the engine block by block (CSV, JSON Lines, Arrow IPC, Parquet), never whole in JS.
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { table as columnTable, toArrowIPC } from 'arquero';
import { identifier, joinSql, parameter, sql, type SqlFragment } from '../../core/query/index.js';
import { toCsvCell } from '../../core/table/index.js';
import type { AnalyticsEngine } from './analytics-engine.js';
import {
  copyRelation,
  needsCsvCare,
  pathLiteral,
  withheldRelation,
  type ServedColumn,
} from './served-artifact.js';
import { BLOCK_ROWS } from './serving-copy.js';

export const COPY_FORMATS = ['csv', 'jsonl', 'arrow', 'parquet'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

export const MEDIA_TYPES: Readonly<Record<CopyFormat, string>> = Object.freeze({
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/jsonl; charset=utf-8',
  arrow: 'application/vnd.apache.arrow.stream',
  parquet: 'application/vnd.apache.parquet',
});

/** What a copy is made of: the serving copy, the entitled columns, withheld ordinals, the keyed order. */
export interface CopySpec {
  readonly artifact: { readonly path: string; readonly ordinal: string };
  readonly columns: readonly ServedColumn[];
  /** The artifact ordinals the trade's copy leaves out (its in-value fingerprint), if any. */
  readonly withheld: ArrayLike<number> | undefined;
  /** The trade's keyed order over the ordinal (keyed-row-order.ts). */
  readonly orderKey: SqlFragment;
  /** Rows of the artifact (ordinals 0 … rows − 1). */
  readonly artifactRows: number;
  /** Scratch file for a Parquet download (written by the engine, streamed, removed). */
  readonly scratchPath: string;
  /** Rows per block; default the serving copy's row group (BLOCK_ROWS). */
  readonly blockRows?: number;
}

const ORDER = 'anonex_copy_order';

/**
 * The copy's bytes. Rows come block by block (BLOCK_ROWS ordinals of the artifact), each block
 * sorted by the trade's key in the engine and turned into text there (CSV, JSON Lines: written by
 * the engine to a scratch file beside `scratchPath` a few blocks at a time, read, removed) or into
 * one Arrow record batch. The engine works READ_AHEAD statements ahead of the consumer (one on
 * each of its threads while the last is written out) and no further, so memory holds a few blocks
 * whatever the artifact's size and a slow client slows the engine. Each statement anti-joins only
 * the withheld ordinals in its own range. CSV keeps the formula-injection guard of core/table.
 * Parquet is written by the engine to `scratchPath` (its footer needs the whole file) and then
 * streamed.
 */
export async function* streamCopy(
  engine: AnalyticsEngine,
  spec: CopySpec,
  format: CopyFormat,
): AsyncGenerator<Uint8Array> {
  if (format === 'parquet') {
    yield* streamParquet(engine, spec);
    return;
  }
  const blockRows = spec.blockRows ?? BLOCK_ROWS;
  if (format === 'csv')
    yield Buffer.from(`${spec.columns.map((c) => toCsvCell(c.name, ',', true)).join(',')}\n`);
  // An artifact of no rows still makes one (empty) Arrow block: the stream needs its schema.
  const blocks = Math.max(1, Math.ceil(spec.artifactRows / blockRows));
  const withheld = sortedOrdinals(spec.withheld);
  /** Blocks [firstBlock, endBlock) of the copy, with the trade's key, less their withheld rows. */
  const blockRange = (firstBlock: number, endBlock: number): SqlFragment => {
    const first = firstBlock * blockRows;
    const end = endBlock * blockRows;
    return copyRelation(spec.artifact, spec.columns, {
      withheld: withheldRelation(ordinalsBetween(withheld, first, end)),
      orderKey: { name: ORDER, expression: spec.orderKey },
      rows: { first, end },
    });
  };
  if (format === 'arrow') {
    yield* readAhead(blocks, async (index) =>
      arrowBatch(
        await arrowColumns(engine, spec, blockRange(index, index + 1)),
        arrowTypes(spec.columns),
        index === 0,
      ),
    );
    // The end-of-stream marker of the Arrow IPC stream format.
    yield new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
    return;
  }
  const line = format === 'csv' ? csvLine(spec.columns) : jsonLine(spec.columns);
  const ordinal = identifier(spec.artifact.ordinal);
  const spans = lineSpans(blocks);
  yield* readAhead(spans.length, async (index) => {
    const [firstBlock, endBlock] = spans[index];
    const path = `${spec.scratchPath}.${index}.${format}`;
    try {
      // The engine's CSV writer with quoting off writes each line as built (LF after each): a
      // sort and a writer, where an ordered string_agg cost twice as much CPU (measured).
      await engine.run(
        sql`COPY (SELECT ${line} FROM (${blockRange(firstBlock, endBlock)}) AS block ORDER BY ${ordinal} // ${parameter(blockRows)}, ${identifier(ORDER)}, ${ordinal}) TO ${pathLiteral(path)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '')`,
      );
      return await readFile(path);
    } finally {
      await rm(path, { force: true });
    }
  });
}

/**
 * Which blocks each CSV or JSON Lines statement writes: the first block alone (the first rows
 * come soon), then LINE_SPAN_BLOCKS at a time (each block still sorted on its own: the order is
 * by block, then key): fewer, larger statements cost less CPU per row (measured).
 */
function lineSpans(blocks: number): [number, number][] {
  const spans: [number, number][] = [[0, 1]];
  for (let first = 1; first < blocks; first += LINE_SPAN_BLOCKS)
    spans.push([first, Math.min(blocks, first + LINE_SPAN_BLOCKS)]);
  return spans;
}

const LINE_SPAN_BLOCKS = 4;

/**
 * `produce(0 … count − 1)`'s results in order, with at most READ_AHEAD under way: the engine works
 * ahead of the consumer, never further. Results of a consumer that stopped early are left to end.
 */
async function* readAhead<T extends Uint8Array>(
  count: number,
  produce: (index: number) => Promise<T>,
): AsyncGenerator<T> {
  const pending: Promise<T>[] = [];
  let next = 0;
  try {
    while (next < count || pending.length > 0) {
      while (next < count && pending.length < READ_AHEAD) pending.push(produce(next++));
      const bytes = await pending.shift()!;
      if (bytes.length > 0) yield bytes;
    }
  } finally {
    // A consumer that stopped early (a client gone) leaves work in flight: let it end quietly.
    for (const work of pending) work.catch(() => undefined);
  }
}

/** Blocks the engine prepares at once: measured best at the engine's two threads on this machine. */
const READ_AHEAD = 2;

function sortedOrdinals(ordinals: ArrayLike<number> | undefined): Float64Array {
  const sorted = Float64Array.from(ordinals ?? []);
  return sorted.sort();
}

/** The ordinals o of `sorted` with first ≤ o < end. */
function ordinalsBetween(sorted: Float64Array, first: number, end: number): Float64Array {
  return sorted.subarray(lowerBound(sorted, first), lowerBound(sorted, end));
}

function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * CSV of one row, core/table's rules in SQL: formula-like text guarded with `'`, then RFC 4180
 * quoting. The regular expressions run only on cells that may need them (a formula's first
 * character, or a quote, comma, CR, LF), and not at all in columns the serving copy's description
 * found plain: on every cell they cost most of a block (measured).
 */
function csvLine(columns: readonly ServedColumn[]): SqlFragment {
  const cells = columns.map((column) => {
    const value = identifier(column.name);
    const text = column.type === 'string' ? value : sql`CAST(${value} AS VARCHAR)`;
    if (column.csvPlain) return sql`coalesce(${text}, '')`;
    const guarded = sql`CASE WHEN regexp_matches(${text}, '^[=+\\-@\\t\\r]') AND NOT regexp_full_match(${text}, '[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?') THEN '''' || ${text} ELSE ${text} END`;
    const quoted = sql`CASE WHEN regexp_matches(${guarded}, '[",\\r\\n]') THEN '"' || replace(${guarded}, '"', '""') || '"' ELSE ${guarded} END`;
    return sql`CASE WHEN ${text} IS NULL THEN '' WHEN ${needsCsvCare(text)} THEN ${quoted} ELSE ${text} END`;
  });
  return sql`concat_ws(',', ${joinSql(cells, ', ')})`;
}

/** One JSON object per row, keys the column names (bound as parameters), numbers as numbers. */
function jsonLine(columns: readonly ServedColumn[]): SqlFragment {
  const pairs = columns.map((column) => sql`${parameter(column.name)}, ${identifier(column.name)}`);
  return sql`CAST(json_object(${joinSql(pairs, ', ')}) AS VARCHAR)`;
}

async function arrowColumns(
  engine: AnalyticsEngine,
  spec: CopySpec,
  block: SqlFragment,
): Promise<Map<string, unknown[]>> {
  const columns = spec.columns;
  const selected = joinSql(
    columns.map((column) => identifier(column.name)),
    ', ',
  );
  const rows = await engine.all(
    sql`SELECT ${selected} FROM (${block}) AS block ORDER BY ${identifier(ORDER)}, ${identifier(spec.artifact.ordinal)}`,
  );
  // A Map: column names are data (`__proto__` stays a column).
  return new Map(columns.map((column, index) => [column.name, rows.map((row) => row[index])]));
}

/**
 * One block as Arrow IPC stream messages: the first block carries the schema, every block its
 * dictionaries (replacing the last block's: allowed in the stream format) and one record batch;
 * the end-of-stream marker is written once after the last block.
 */
function arrowBatch(
  columns: Map<string, unknown[]>,
  types: ArrowTypes,
  withSchema: boolean,
): Uint8Array {
  const bytes = toArrowIPC(columnTable(columns), { format: 'stream', types });
  const withoutEnd = bytes.subarray(0, bytes.length - 8);
  if (withSchema) return withoutEnd;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Message framing: 0xFFFFFFFF, int32 metadata length, metadata; a schema message has no body.
  const schemaLength = 8 + view.getInt32(4, true);
  return withoutEnd.subarray(schemaLength);
}

type ArrowTypes = NonNullable<Parameters<typeof toArrowIPC>[1]>['types'];

/**
 * Arrow types fixed by the column's type, so every block has the first block's schema (inference
 * would make an all-null block's column Null, and strings dictionaries that later blocks would
 * have to replace): plain UTF-8, 64-bit floats, booleans. The literals are flechette's type
 * descriptors (Type.Utf8 = 5, Type.Float = 3 with Precision.DOUBLE = 2, Type.Bool = 6), written
 * here because flechette reaches us only through arquero.
 */
function arrowTypes(columns: readonly ServedColumn[]): ArrowTypes {
  // No prototype: column names are data (`__proto__` must stay a column).
  const types: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const column of columns) {
    types[column.name] =
      column.type === 'number'
        ? { typeId: 3, precision: 2, values: Float64Array }
        : column.type === 'boolean'
          ? { typeId: 6 }
          : { typeId: 5, offsets: Int32Array };
  }
  return types as ArrowTypes;
}

async function* streamParquet(engine: AnalyticsEngine, spec: CopySpec): AsyncGenerator<Uint8Array> {
  const blockRows = spec.blockRows ?? BLOCK_ROWS;
  const copy = copyRelation(spec.artifact, spec.columns, {
    withheld: withheldRelation(spec.withheld ?? []),
    orderKey: { name: ORDER, expression: spec.orderKey },
  });
  const selected = joinSql(
    spec.columns.map((column) => identifier(column.name)),
    ', ',
  );
  const ordinal = identifier(spec.artifact.ordinal);
  // The same order as the other formats: blocks of ordinals, each sorted by the trade's key.
  const ordered = sql`SELECT ${selected} FROM (${copy}) AS copy ORDER BY ${ordinal} // ${parameter(blockRows)}, ${identifier(ORDER)}, ${ordinal}`;
  try {
    await engine.run(sql`COPY (${ordered}) TO ${pathLiteral(spec.scratchPath)} (FORMAT parquet)`);
    for await (const chunk of createReadStream(spec.scratchPath)) yield chunk as Buffer;
  } finally {
    await rm(spec.scratchPath, { force: true });
  }
}
