// The file the engine serves an artifact from: typed Parquet with the row ordinal, in blocks it can skip to.
import { identifier, sql, unusedName, type SqlFragment } from '../../core/query/index.js';
import type { AnalyticsEngine } from './analytics-engine.js';
import { legacyTypedSelect, type LegacyFormat } from './legacy-artifact.js';
import { pathLiteral, withheldRelation } from './served-artifact.js';

/** Rows per row group of a serving copy: a download's block, sorted by the trade's key on its own. */
export const BLOCK_ROWS = 65_536;

/** The ordinal column's name in a serving copy (first column); a clash with an artifact column gets a suffix. */
export const ORDINAL_BASE_NAME = 'anonex_row';

/**
 * Writes the serving copy of the artifact at `inputPath` to `outputPath`: the artifact's columns
 * (typed Parquet as released, or legacy text typed by the release rule) preceded by the row's
 * ordinal in the artifact — what the fingerprint plan's row numbers refer to — in row groups of
 * BLOCK_ROWS. The ordinal's min/max per row group let a download read one block without scanning
 * the others (DuckDB does not skip row groups on its own `file_row_number`).
 */
export async function writeServingCopy(
  engine: AnalyticsEngine,
  inputPath: string,
  format: 'parquet' | LegacyFormat,
  outputPath: string,
): Promise<void> {
  let select: (ordinal: SqlFragment) => SqlFragment;
  let cleanup = async (): Promise<void> => undefined;
  if (format === 'parquet') {
    select = (ordinal) =>
      sql`SELECT file_row_number AS ${ordinal}, * EXCLUDE (file_row_number) FROM read_parquet(${pathLiteral(inputPath)}, file_row_number = true)`;
  } else {
    ({ select, cleanup } = await legacyTypedSelect(engine, inputPath, format, `${outputPath}.csv`));
  }
  try {
    const columns = await engine.all(sql`DESCRIBE ${select(identifier(ORDINAL_BASE_NAME))}`);
    const ordinal = unusedName(
      ORDINAL_BASE_NAME,
      new Set(columns.slice(1).map((row) => String(row[0]))),
    );
    await engine.run(
      sql`COPY (${select(identifier(ordinal))}) TO ${pathLiteral(outputPath)} (FORMAT parquet, ROW_GROUP_SIZE ${{ sql: String(BLOCK_ROWS), params: [] }})`,
    );
  } finally {
    await cleanup();
  }
}

/**
 * Writes the rows of the serving copy at `servingPath` whose ordinals are in `ordinals` (a trade's
 * withheld rows: a few thousand), with every column, to `outputPath`: what a marked copy's
 * aggregate subtracts from the release's (core/query subtracted-groups.ts). Requires a non-empty list.
 */
export async function writeServingRows(
  engine: AnalyticsEngine,
  servingPath: string,
  ordinal: string,
  ordinals: ArrayLike<number>,
  outputPath: string,
): Promise<void> {
  const picked = withheldRelation(ordinals);
  if (!picked) throw new Error('writeServingRows: no ordinals');
  await engine.run(
    sql`COPY (SELECT * FROM read_parquet(${pathLiteral(servingPath)}) AS artifact SEMI JOIN (${picked}) AS picked(ordinal) ON artifact.${identifier(ordinal)} = picked.ordinal ORDER BY artifact.${identifier(ordinal)}) TO ${pathLiteral(outputPath)} (FORMAT parquet)`,
  );
}
