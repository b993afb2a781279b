// The SQL compiler against the old in-JS executor (the oracle) on seeded random tables and queries.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { table, type ColumnTable } from 'arquero';
import {
  coerceNumericColumns,
  compileQuery,
  executeQuery,
  identifier,
  inferQuerySchema,
  parseQuery,
  type ParsedQuery,
} from '../../../src/core/query/index.js';
import { createRng, type Rng } from '../../../src/core/rng.js';
import { useScratchEngine } from '../../helpers/scratch-engine.js';
import { writeTable } from '../../../src/core/table/index.js';
import {
  copyRelation,
  describeServingCopy,
} from '../../../src/services/delivery/served-artifact.js';
import { writeServingCopy } from '../../../src/services/delivery/serving-copy.js';

const SEXES = ['F', 'M'];
const BANDS = ['20-29', '30-39', '40-49', '50-59'];
const ZONES = ['和平区', '河西区', '南开区', 'Binhai', 'Binhai New'];

function randomTable(rng: Rng, rows: number): ColumnTable {
  const pick = <T>(values: readonly T[]) => values[rng.nextInt(values.length)];
  const maybe = <T>(value: T) => (rng.nextInt(20) === 0 ? null : value);
  return table({
    sex: Array.from({ length: rows }, () => maybe(pick(SEXES))),
    age_band: Array.from({ length: rows }, () => pick(BANDS)),
    zone: Array.from({ length: rows }, () => maybe(pick(ZONES))),
    visits: Array.from({ length: rows }, () => maybe(String(rng.nextInt(12)))),
    cost: Array.from({ length: rows }, () => maybe(`${rng.nextInt(500)}.${rng.nextInt(10)}0`)),
  });
}

const NUMBER_COLUMNS = ['visits', 'cost'];
const STRING_COLUMNS = ['sex', 'age_band', 'zone'];

function randomCondition(rng: Rng): unknown {
  const pick = <T>(values: readonly T[]) => values[rng.nextInt(values.length)];
  if (rng.nextInt(2) === 0) {
    const column = pick(NUMBER_COLUMNS);
    const value = () => (column === 'cost' ? rng.nextInt(500) + 0.5 : rng.nextInt(12));
    switch (rng.nextInt(4)) {
      case 0:
        return { column, op: pick(['=', '!=', '<', '<=', '>', '>=']), value: value() };
      case 1:
        return { column, op: 'in', value: [value(), value(), value()] };
      default: {
        const [low, high] = [value(), value()].sort((a, b) => a - b);
        return { column, op: 'between', value: [low, high] };
      }
    }
  }
  const column = pick(STRING_COLUMNS);
  const values = column === 'sex' ? SEXES : column === 'zone' ? ZONES : BANDS;
  switch (rng.nextInt(4)) {
    case 0:
      return { column, op: pick(['=', '!=', '<', '>=']), value: pick(values) };
    case 1:
      return { column, op: 'in', value: [pick(values), pick(values)] };
    case 2:
      return { column, op: 'prefix', value: pick(values).slice(0, 2) };
    default:
      return { column, op: 'between', value: [...[pick(values), pick(values)].sort()] };
  }
}

function randomQuery(rng: Rng): Record<string, unknown> {
  const pick = <T>(values: readonly T[]) => values[rng.nextInt(values.length)];
  const where = Array.from({ length: rng.nextInt(3) }, () => randomCondition(rng));
  if (rng.nextInt(2) === 0) {
    // A row query: its order is total once the row ordinal breaks ties, so pages compare exactly.
    const select = [...STRING_COLUMNS, ...NUMBER_COLUMNS].filter(() => rng.nextInt(2) === 0);
    return {
      where,
      ...(select.length > 0 ? { select } : {}),
      orderBy:
        rng.nextInt(2) === 0
          ? []
          : [{ column: pick(NUMBER_COLUMNS), direction: pick(['asc', 'desc']) }],
      limit: 1 + rng.nextInt(60),
      offset: rng.nextInt(20),
    };
  }
  const groupBy = [...STRING_COLUMNS, 'visits'].filter(() => rng.nextInt(3) === 0);
  const aggregates = [
    { fn: 'count', as: 'n' },
    ...(rng.nextInt(2) === 0
      ? [{ fn: pick(['sum', 'avg', 'min', 'max']), column: pick(NUMBER_COLUMNS), as: 'figure' }]
      : []),
    ...(rng.nextInt(3) === 0
      ? [{ fn: 'count', column: pick([...STRING_COLUMNS, ...NUMBER_COLUMNS]), as: 'present' }]
      : []),
  ];
  return {
    where,
    groupBy,
    aggregates,
    // Group keys last make both orders total (the oracle keeps first-seen order among ties).
    orderBy: [
      ...(rng.nextInt(2) === 0 ? [{ column: 'n', direction: pick(['asc', 'desc']) }] : []),
      ...groupBy.map((column) => ({ column })),
    ],
    limit: 1 + rng.nextInt(40),
  };
}

const close = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number'
    ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))
    : a === b;

describe('services/delivery query compiler vs the in-JS executor (oracle)', function () {
  // 450 queries through a real engine: minutes on a loaded 2-core machine, seconds otherwise.
  this.timeout(300_000);
  const { engine, directory: scratch } = useScratchEngine('anonex-oracle-');

  for (const seed of [1, 2, 3]) {
    it(`gives the same answers on table ${seed} for 150 random queries`, async () => {
      const rng = createRng(seed);
      const raw = randomTable(rng, 300 + rng.nextInt(300));
      const csv = join(scratch(), `t${seed}.csv`);
      const parquet = join(scratch(), `t${seed}.parquet`);
      await writeFile(csv, writeTable(raw, 'csv'));
      await writeServingCopy(engine, csv, 'csv', parquet);
      const { ordinal, columns } = await describeServingCopy(engine, parquet);
      const typed = coerceNumericColumns(raw);
      const oracleSchema = inferQuerySchema(typed);
      expect(columns.map(({ name, type }) => ({ name, type }))).to.deep.equal(oracleSchema.columns);
      const source = copyRelation({ path: parquet, ordinal }, columns, {
        withheld: undefined,
        orderKey: { name: 'row_order', expression: identifier(ordinal) },
      });
      let answeredWithRows = 0;
      for (let i = 0; i < 150; i++) {
        const query = randomQuery(rng);
        const parsed: ParsedQuery = parseQuery(query, oracleSchema);
        const k = 1 + rng.nextInt(8);
        const want = executeQuery(typed, parsed, { minimumGroupSize: k });
        const compiled = compileQuery(parsed, {
          minimumGroupSize: k,
          source,
          rowOrder: identifier('row_order'),
        });
        const rows = await engine.all(compiled.rows);
        const [[matched, suppressed]] = await engine.all(compiled.totals);
        const where = `query ${JSON.stringify(query)} k=${k}`;
        if (compiled.answer) {
          // The one-scan answer: the same rows, each carrying the totals; none when no row.
          const answered = await engine.all(compiled.answer);
          expect(answered.length, where).to.equal(rows.length);
          answered.forEach((row, r) => {
            expect(row.slice(-2).map(Number), where).to.deep.equal([matched, suppressed]);
            row
              .slice(0, -2)
              .forEach((value, c) =>
                expect(close(value, rows[r][c]), `${where} answer row ${r} col ${c}`).to.equal(
                  true,
                ),
              );
          });
          if (answered.length > 0) answeredWithRows++;
        }
        expect(matched, where).to.equal(want.matchedRows);
        expect(suppressed, where).to.equal(want.suppressedGroups);
        expect(rows.length, where).to.equal(want.rows.length);
        rows.forEach((row, r) =>
          row.forEach((value, c) =>
            expect(
              close(value, want.rows[r][c]),
              `${where} row ${r} col ${c}: ${String(value)} vs ${String(want.rows[r][c])}`,
            ).to.equal(true),
          ),
        );
      }
      // The one-scan path was exercised on groups that reached k, not only on empty pages.
      expect(answeredWithRows).to.be.above(10);
    });
  }
});
