// The v2 keyed-order sort keys of a leaked copy's rows under each candidate trade, computed by the engine.
import { writeFile, rm } from 'node:fs/promises';
import type { ColumnTable } from 'arquero';
import { identifier, sql } from '../../core/query/index.js';
import { writeTable } from '../../core/table/index.js';
import type { AnalyticsEngine } from './analytics-engine.js';
import { keyedRowOrder, orderText } from './keyed-row-order.js';
import { pathLiteral, type ServedColumn } from './served-artifact.js';

/**
 * For each trade key, the sort key of every leaked row in the leak's order, by the expression
 * downloads are ordered with (keyed-row-order.ts) over the leak's columns: a column the artifact
 * types as a number is read as DOUBLE, every other as text. The leak is written once as CSV text
 * to `scratchPath` (removed after) and read back by the engine, so both sides hash the same text.
 * As with v1, the leak must carry the delivered column set (the key covers every delivered column).
 */
export async function leakedCopySortKeys(
  engine: AnalyticsEngine,
  leak: ColumnTable,
  artifactColumns: readonly ServedColumn[],
  tradeKeys: readonly Uint8Array[],
  scratchPath: string,
): Promise<bigint[][]> {
  const types = new Map(artifactColumns.map((column) => [column.name, column.type]));
  const columns = leak
    .columnNames()
    .map((name) => ({ name, type: types.get(name) ?? ('string' as const) }));
  await writeFile(scratchPath, writeTable(leak, 'csv', { formulaGuard: false }), { mode: 0o600 });
  try {
    const source = sql`read_csv(${pathLiteral(scratchPath)}, header = true, all_varchar = true)`;
    const keys: bigint[][] = [];
    for (const tradeKey of tradeKeys) {
      const order = keyedRowOrder(tradeKey, columns, (column) =>
        column.type === 'number'
          ? sql`TRY_CAST(${identifier(column.name)} AS DOUBLE)`
          : orderText(identifier(column.name)),
      );
      const rows = await engine.all(sql`SELECT CAST(${order} AS VARCHAR) FROM ${source}`);
      keys.push(rows.map((row) => BigInt(String(row[0]))));
    }
    return keys;
  } finally {
    await rm(scratchPath, { force: true });
  }
}
