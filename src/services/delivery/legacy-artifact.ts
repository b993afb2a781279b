// Artifacts released before Parquet (CSV, JSON Lines, Arrow IPC) converted once to typed Parquet.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { identifier, joinSql, parameter, sql, type SqlFragment } from '../../core/query/index.js';
import {
  CANONICAL_DECIMAL,
  CANONICAL_INTEGER,
  ISO_DATE,
  encodeTableChunks,
  readTable,
  typeOfScan,
  type TypedColumn,
} from '../../core/table/index.js';
import type { AnalyticsEngine } from './analytics-engine.js';
import { pathLiteral } from './served-artifact.js';

export type LegacyFormat = 'csv' | 'jsonl' | 'arrow';

/**
 * A SELECT over the legacy artifact at `inputPath` with every column typed by the same rule as new
 * artifacts (core/table/column-types.ts), so a query sees one schema whatever the artifact's age,
 * and `row` its position in the file. CSV and JSON Lines are read by DuckDB on its threads; Arrow
 * IPC, which DuckDB reads only through an extension we do not download, is turned into CSV at
 * `scratchPath` by core/table first (on the event loop: legacy Arrow artifacts are small, and
 * converted once per gateway). Call `cleanup` once the SELECT has run.
 */
export async function legacyTypedSelect(
  engine: AnalyticsEngine,
  inputPath: string,
  format: LegacyFormat,
  scratchPath: string,
): Promise<{ select: (ordinal: SqlFragment) => SqlFragment; cleanup: () => Promise<void> }> {
  let csvPath = inputPath;
  if (format === 'arrow') {
    csvPath = scratchPath;
    const { table } = readTable(await readFile(inputPath), { format: 'arrow' });
    await writeFile(csvPath, encodeTableChunks(table, 'csv', { formulaGuard: false }), {
      mode: 0o600,
    });
  }
  const cleanup = async () => {
    if (csvPath !== inputPath) await rm(csvPath, { force: true });
  };
  try {
    const text =
      format === 'jsonl'
        ? sql`SELECT * FROM read_json(${pathLiteral(inputPath)}, format = 'newline_delimited')`
        : sql`SELECT * FROM read_csv(${pathLiteral(csvPath)}, header = true, all_varchar = true)`;
    const described = await engine.all(sql`DESCRIBE ${text}`);
    const names = described.map((row) => String(row[0]));
    const asText = (name: string) => sql`nullif(CAST(${identifier(name)} AS VARCHAR), '')`;
    const scans = await engine.all(
      sql`SELECT ${joinSql(
        names.map((name) => scanColumn(asText(name))),
        ', ',
      )} FROM (${text}) AS legacy`,
    );
    const typed = names.map((name, index) => {
      const [nonEmpty, allInteger, allDecimalOrInteger, allDate, maxIntegerDigits, maxScale] =
        scans[0].slice(index * 6, index * 6 + 6);
      const type = typeOfScan({
        nonEmpty: Number(nonEmpty),
        allInteger: allInteger === true,
        allDecimalOrInteger: allDecimalOrInteger === true,
        allDate: allDate === true,
        maxIntegerDigits: Number(maxIntegerDigits ?? 0),
        maxScale: Number(maxScale ?? 0),
      });
      return sql`${castTo(asText(name), type)} AS ${identifier(name)}`;
    });
    // The readers keep the file's order (preserve_insertion_order), so the n-th row numbered is the file's n-th.
    return {
      select: (ordinal) =>
        sql`SELECT row_number() OVER () - 1 AS ${ordinal}, ${joinSql(typed, ', ')} FROM (${text}) AS legacy`,
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Six figures per column: non-empty cells, all integer, all decimal, all dates, digits, scale. */
function scanColumn(value: SqlFragment): SqlFragment {
  const integer = parameter(CANONICAL_INTEGER);
  const decimal = parameter(CANONICAL_DECIMAL);
  return sql`count(${value}),
    coalesce(bool_and(regexp_full_match(${value}, ${integer})), true),
    coalesce(bool_and(regexp_full_match(${value}, ${integer}) OR regexp_full_match(${value}, ${decimal})), true),
    coalesce(bool_and(regexp_full_match(${value}, ${parameter(ISO_DATE)}) AND try_cast(${value} AS DATE) IS NOT NULL), true),
    max(length(split_part(ltrim(${value}, '-'), '.', 1))),
    max(CASE WHEN contains(${value}, '.') THEN length(split_part(${value}, '.', 2)) ELSE 0 END)`;
}

function castTo(value: SqlFragment, type: TypedColumn): SqlFragment {
  switch (type.kind) {
    case 'integer':
      return sql`CAST(${value} AS BIGINT)`;
    case 'decimal':
      return {
        sql: `CAST(${value.sql} AS DECIMAL(${type.precision}, ${type.scale}))`,
        params: value.params,
      };
    case 'date':
      return sql`CAST(${value} AS DATE)`;
    case 'text':
      return value;
  }
}
