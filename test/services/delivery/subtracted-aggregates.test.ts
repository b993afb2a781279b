// A marked copy's aggregates by subtraction (release less withheld rows) against the anti-join over every row.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  compileQuery,
  isSubtractable,
  parseQuery,
  sql,
  type ParsedQuery,
} from '../../../src/core/query/index.js';
import { createRng, type Rng } from '../../../src/core/rng.js';
import { useScratchEngine } from '../../helpers/scratch-engine.js';
import type {
  AnalyticsEngine,
  AnswerValue,
} from '../../../src/services/delivery/analytics-engine.js';
import {
  copyRelation,
  describeServingCopy,
  entitledSchema,
  exactSumColumns,
  pathLiteral,
  withheldRelation,
} from '../../../src/services/delivery/served-artifact.js';
import { writeServingCopy, writeServingRows } from '../../../src/services/delivery/serving-copy.js';

const SEXES = ['F', 'M'];
const BANDS = ['20-29', '30-39', '40-49', '50-59'];
// Two zones hold a handful of rows each: their groups sit near k and lose rows to the mark.
const ZONES = ['和平区', '河西区', '南开区', 'Binhai', 'Binhai New'];
const ZONE_WEIGHTS = [40, 40, 15, 3, 2];
const STRING_COLUMNS = ['sex', 'age_band', 'zone', 'visit_date'];
const NUMBER_COLUMNS = ['visits', 'cost', 'weight'];

/** CSV text of a random hospital-like table with nulls (an empty field), typed when written. */
function randomCsv(rng: Rng, rows: number): string {
  const pick = <T>(values: readonly T[]) => values[rng.nextInt(values.length)];
  const maybe = (value: string) => (rng.nextInt(15) === 0 ? '' : value);
  const zone = () => {
    let draw = rng.nextInt(100);
    for (let i = 0; i < ZONES.length; i++) if ((draw -= ZONE_WEIGHTS[i]) < 0) return ZONES[i];
    return ZONES[0];
  };
  const lines = ['sex,age_band,zone,visits,cost,weight,visit_date'];
  for (let row = 0; row < rows; row++) {
    lines.push(
      [
        maybe(pick(SEXES)),
        pick(BANDS),
        maybe(zone()),
        maybe(String(rng.nextInt(12))),
        maybe(`${rng.nextInt(900)}.${String(rng.nextInt(100)).padStart(2, '0')}`),
        maybe(String(rng.next() * 100)),
        maybe(`2024-0${1 + rng.nextInt(3)}-1${rng.nextInt(3)}`),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function randomCondition(rng: Rng): unknown {
  const pick = <T>(values: readonly T[]) => values[rng.nextInt(values.length)];
  if (rng.nextInt(2) === 0) {
    const column = pick(NUMBER_COLUMNS);
    const value = () => (column === 'visits' ? rng.nextInt(12) : rng.nextInt(900) + 0.5);
    if (rng.nextInt(2) === 0)
      return { column, op: pick(['=', '!=', '<', '<=', '>', '>=']), value: value() };
    const [low, high] = [value(), value()].sort((a, b) => a - b);
    return { column, op: 'between', value: [low, high] };
  }
  const column = pick(['sex', 'zone', 'visit_date']);
  if (column === 'visit_date') return { column, op: pick(['<', '>=']), value: '2024-02-11' };
  const values = column === 'sex' ? SEXES : ZONES;
  return rng.nextInt(2) === 0
    ? { column, op: pick(['=', '!=']), value: pick(values) }
    : { column, op: 'in', value: [pick(values), pick(values)] };
}

/** Mostly counts and exact sums (the subtracted path); sometimes avg/min/max or a float sum (not). */
function randomAggregateQuery(rng: Rng): Record<string, unknown> {
  const pick = <T>(values: readonly T[]) => values[rng.nextInt(values.length)];
  const groupBy = [...STRING_COLUMNS, 'visits'].filter(() => rng.nextInt(3) === 0);
  const aggregates: Record<string, unknown>[] = [];
  if (rng.nextInt(4) !== 0) aggregates.push({ fn: 'count', as: 'n' });
  if (rng.nextInt(2) === 0)
    aggregates.push({ fn: 'sum', column: pick(['visits', 'cost', 'cost']), as: 'total' });
  if (rng.nextInt(3) === 0)
    aggregates.push({
      fn: 'count',
      column: pick([...STRING_COLUMNS, ...NUMBER_COLUMNS]),
      as: 'present',
    });
  if (rng.nextInt(6) === 0)
    aggregates.push({ fn: pick(['avg', 'min', 'max']), column: pick(NUMBER_COLUMNS), as: 'other' });
  if (rng.nextInt(8) === 0) aggregates.push({ fn: 'sum', column: 'weight', as: 'float_sum' });
  if (aggregates.length === 0) aggregates.push({ fn: 'count', as: 'n' });
  const outputs = [...groupBy, ...aggregates.map((aggregate) => String(aggregate.as))];
  return {
    where: Array.from({ length: rng.nextInt(3) }, () => randomCondition(rng)),
    groupBy,
    aggregates,
    orderBy:
      rng.nextInt(2) === 0 ? [] : [{ column: pick(outputs), direction: pick(['asc', 'desc']) }],
    limit: 1 + rng.nextInt(40),
    offset: rng.nextInt(4) === 0 ? rng.nextInt(5) : 0,
  };
}

/** Rows and totals as the service reads them from a compiled aggregate. */
async function answerOf(
  engine: AnalyticsEngine,
  compiled: ReturnType<typeof compileQuery>,
): Promise<{ rows: AnswerValue[][]; matched: AnswerValue; suppressed: AnswerValue }> {
  const answered = await engine.all(compiled.answer!);
  const [[matched, suppressed]] = await engine.all(compiled.totals);
  if (answered.length > 0) {
    expect(answered[0].slice(-2).map(Number)).to.deep.equal([Number(matched), Number(suppressed)]);
  }
  return { rows: answered.map((row) => row.slice(0, -2)), matched, suppressed };
}

describe('services/delivery marked-copy aggregates by subtraction vs the anti-join', function () {
  // 600 queries, two statements each, through a real engine: a minute on a loaded 2-core machine.
  this.timeout(300_000);
  const { engine, directory: scratch } = useScratchEngine('anonex-subtracted-');

  for (const seed of [11, 12, 13]) {
    it(`gives exactly the anti-join's answers on table ${seed} for 200 random aggregates`, async () => {
      const rng = createRng(seed);
      const rowCount = 400 + rng.nextInt(400);
      const csv = join(scratch(), `t${seed}.csv`);
      const artifactPath = join(scratch(), `t${seed}.parquet`);
      const servingPath = join(scratch(), `t${seed}.serving.parquet`);
      const rowsPath = join(scratch(), `t${seed}.rows.parquet`);
      await writeFile(csv, randomCsv(rng, rowCount));
      await engine.run(
        sql`COPY (SELECT * FROM read_csv(${pathLiteral(csv)}, header = true, columns = {'sex': 'VARCHAR', 'age_band': 'VARCHAR', 'zone': 'VARCHAR', 'visits': 'INTEGER', 'cost': 'DECIMAL(18,2)', 'weight': 'DOUBLE', 'visit_date': 'DATE'})) TO ${pathLiteral(artifactPath)} (FORMAT parquet)`,
      );
      await writeServingCopy(engine, artifactPath, 'parquet', servingPath);
      const described = await describeServingCopy(engine, servingPath);
      const { schema, served } = entitledSchema(
        described.columns,
        described.columns.map((column) => column.name),
      );
      expect([...exactSumColumns(served)].sort()).to.deep.equal(['cost', 'visits']);
      // About 6 % of rows withheld, three quarters of them from the rare zones' rows.
      const zoneOf = await engine.all(
        sql`SELECT zone FROM read_parquet(${pathLiteral(servingPath)}) ORDER BY ${{ sql: described.ordinal, params: [] }}`,
      );
      const withheld = Uint32Array.from(
        zoneOf.flatMap(([zone], row) =>
          rng.nextInt(zone === 'Binhai' || zone === 'Binhai New' ? 4 : 50) === 0 ? [row] : [],
        ),
      );
      await writeServingRows(engine, servingPath, described.ordinal, withheld, rowsPath);
      const artifact = { path: servingPath, ordinal: described.ordinal };
      const anti = copyRelation(artifact, served, { withheld: withheldRelation(withheld) });
      const subtraction = {
        release: copyRelation(artifact, served, { withheld: undefined }),
        withheld: copyRelation({ path: rowsPath, ordinal: described.ordinal }, served, {
          withheld: undefined,
        }),
        exactSumColumns: exactSumColumns(served),
      };
      let subtracted = 0;
      let differsFromRelease = 0;
      for (let i = 0; i < 200; i++) {
        const query = randomAggregateQuery(rng);
        const parsed: ParsedQuery = parseQuery(query, schema);
        const k = 1 + rng.nextInt(8);
        const where = `query ${JSON.stringify(query)} k=${k}`;
        const want = await answerOf(
          engine,
          compileQuery(parsed, { minimumGroupSize: k, source: anti }),
        );
        const compiled = compileQuery(parsed, { minimumGroupSize: k, source: anti, subtraction });
        const got = await answerOf(engine, compiled);
        expect(got, where).to.deep.equal(want);
        expect(await engine.all(compiled.rows), where).to.deep.equal(want.rows);
        if (!isSubtractable(parsed, subtraction.exactSumColumns)) continue;
        subtracted++;
        expect(compiled.answer!.sql, where).to.include('LEFT JOIN');
        const release = await answerOf(
          engine,
          compileQuery(parsed, { minimumGroupSize: k, source: subtraction.release }),
        );
        if (JSON.stringify(release) !== JSON.stringify(want)) differsFromRelease++;
      }
      // Most queries took the subtracted path, and the mark changed many of their answers.
      expect(subtracted).to.be.above(120);
      expect(differsFromRelease).to.be.above(40);
    });
  }
});
