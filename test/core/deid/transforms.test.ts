import { expect } from 'chai';
import {
  maskValue,
  redactValue,
  pseudonymizeValue,
  bandOf,
  breakpointBandOf,
  roundTo,
  topBottomCode,
  laplaceNoise,
  parseCalendarDate,
  generalizeDate,
  ageOn,
  shiftDate,
  truncateIp,
  deriveFromResidentId,
  applyStep,
  DeidError,
  type StepContext,
  type TransformSpec,
} from '../../../src/core/deid/index.js';
import { createRng } from '../../../src/core/rng.js';
import { decodeColumn, encodeColumn } from '../../../src/core/table/index.js';
import { parseHierarchy } from '../../../src/core/hierarchy/index.js';

function context(overrides: Partial<StepContext> = {}): StepContext {
  return {
    column: 'c',
    rng: createRng(1),
    pseudonymKey: new Uint8Array(32).fill(7),
    hierarchies: new Map(),
    inputColumns: new Map(),
    chosenLevels: new Map(),
    tokenTables: new Map(),
    ...overrides,
  };
}

function run(values: string[], step: TransformSpec, ctx = context()): string[][] {
  return applyStep(encodeColumn('c', values), step, ctx).columns.map((c) => decodeColumn(c.column));
}

describe('core/deid transforms', () => {
  const cases: { desc: string; got: () => unknown; want: unknown }[] = [
    {
      desc: 'mask keeps 3 + 4',
      got: () => maskValue('13812345678', 3, 4, '*'),
      want: '138****5678',
    },
    {
      desc: 'mask counts Han characters',
      got: () => maskValue('欧阳娜娜', 1, 0, '*'),
      want: '欧***',
    },
    {
      desc: 'mask of a short value hides all',
      got: () => maskValue('张三', 1, 1, '*'),
      want: '**',
    },
    { desc: 'mask keeps empty', got: () => maskValue('', 3, 4, '*'), want: '' },
    {
      desc: 'redact',
      got: () => [redactValue('x', '***'), redactValue('', '***')],
      want: ['***', ''],
    },
    {
      desc: 'integer band',
      got: () => [bandOf(34, 5, 0), bandOf(35, 5, 0), bandOf(0, 10, 0)],
      want: ['30-34', '35-39', '0-9'],
    },
    { desc: 'fractional band', got: () => bandOf(1.25, 0.5, 0), want: '[1,1.5)' },
    { desc: 'band with offset start', got: () => bandOf(17, 10, 5), want: '15-24' },
    {
      desc: 'breakpoints',
      got: () => [10, 18, 29, 30, 64, 65, 90].map((x) => breakpointBandOf(x, [18, 30, 65])),
      want: ['<18', '18-29', '18-29', '30-64', '30-64', '>=65', '>=65'],
    },
    {
      desc: 'round without float noise',
      got: () => [roundTo(1234, 100), roundTo(0.35, 0.1), roundTo(-150, 100)],
      want: ['1200', '0.4', '-200'],
    },
    {
      desc: 'top/bottom coding',
      got: () => [
        topBottomCode('17', 17, 18, 90),
        topBottomCode('95', 95, 18, 90),
        topBottomCode('40', 40, 18, 90),
      ],
      want: ['<18', '>90', '40'],
    },
    {
      desc: 'date granularity',
      got: () =>
        (['year', 'quarter', 'month'] as const).map((to) =>
          generalizeDate(parseCalendarDate('2023-07-14')!, to),
        ),
      want: ['2023', '2023-Q3', '2023-07'],
    },
    {
      desc: 'date formats',
      got: () =>
        ['2023/7/4', '2023年7月4日', '20230704', '2023-02-30'].map(
          (v) => parseCalendarDate(v)?.day,
        ),
      want: [4, 4, 4, undefined],
    },
    {
      desc: 'age on a reference date (birthday counts)',
      got: () => [
        ageOn(parseCalendarDate('1990-07-14')!, parseCalendarDate('2026-07-13')!),
        ageOn(parseCalendarDate('1990-07-14')!, parseCalendarDate('2026-07-14')!),
      ],
      want: [35, 36],
    },
    {
      desc: 'date shift keeps time and crosses months',
      got: () => shiftDate(parseCalendarDate('2024-02-28 10:00')!, 2),
      want: '2024-03-01 10:00',
    },
    {
      desc: 'IP truncation',
      got: () => [
        truncateIp('192.168.7.42', 24, 48),
        truncateIp('10.1.2.3', 8, 48),
        truncateIp('2001:db8:1:2::1', 24, 48),
        truncateIp('::ffff:192.0.2.1', 24, 96),
        truncateIp('nope', 24, 48),
      ],
      want: ['192.168.7.0/24', '10.0.0.0/8', '2001:db8:1::/48', '::ffff:0:0/96', undefined],
    },
    {
      desc: 'resident-ID derivation',
      got: () =>
        (['birth_year', 'birth_decade', 'age_band', 'sex', 'province', 'city'] as const).map((f) =>
          deriveFromResidentId('120104199003071234', f, 10, 2026),
        ),
      want: ['1990', '1990s', '30-39', '男', '天津市', '天津市'],
    },
    {
      desc: 'resident-ID sex from the 17th digit',
      got: () => deriveFromResidentId('11010519491231002X', 'sex', 10, undefined),
      want: '女',
    },
  ];
  for (const { desc, got, want } of cases) it(desc, () => expect(got()).to.deep.equal(want));

  it('pseudonyms: consistent under one key, different under another, fixed length', () => {
    const k1 = new Uint8Array(32).fill(1);
    const k2 = new Uint8Array(32).fill(2);
    const a = pseudonymizeValue('张三', k1, 16);
    expect(a).to.match(/^[0-9a-f]{16}$/);
    expect(pseudonymizeValue('张三', k1, 16)).to.equal(a);
    expect(pseudonymizeValue('张三', k2, 16)).to.not.equal(a);
    expect(pseudonymizeValue('李四', k1, 16)).to.not.equal(a);
    expect(pseudonymizeValue('', k1, 16)).to.equal('');
  });

  it('Laplace noise: reproducible from the seed, mean ≈ 0 and mean |x| ≈ scale', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 20000 }, () => laplaceNoise(rng, 2));
    };
    const xs = draw(3);
    expect(draw(3)).to.deep.equal(xs);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const meanAbs = xs.reduce((a, b) => a + Math.abs(b), 0) / xs.length;
    expect(Math.abs(mean)).to.be.below(0.1);
    expect(meanAbs).to.be.closeTo(2, 0.1);
  });

  it('applyStep maps the dictionary, not the rows', () => {
    const column = encodeColumn('age', ['31', '33', '31', '47', '']);
    const out = applyStep(column, { kind: 'bands', width: 10, start: 0 }, context()).columns[0]
      .column;
    expect(out.dictionary).to.deep.equal(['30-39', '40-49', '']);
    expect(Array.from(out.codes)).to.deep.equal([0, 0, 0, 1, 2]);
  });

  it('unreadable values are an error naming the column and the count, never the values', () => {
    try {
      run(['31', 'abc', 'def'], { kind: 'bands', width: 10, start: 0 });
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(DeidError);
      expect((error as DeidError).code).to.equal('deid_invalid_value');
      expect((error as DeidError).details).to.deep.equal({ column: 'c', step: 'bands', count: 2 });
    }
  });

  it('hierarchy generalization uses the ARX file at the level', () => {
    const hierarchy = parseHierarchy('Male;*\nFemale;*\n');
    const ctx = context({ hierarchies: new Map([['sex.csv', hierarchy]]) });
    expect(
      run(['Male', 'Female'], { kind: 'hierarchy', file: 'sex.csv', level: 1 }, ctx),
    ).to.deep.equal([['*', '*']]);
    expect(
      run(['Male', 'Female'], { kind: 'hierarchy', file: 'sex.csv', level: 0 }, ctx),
    ).to.deep.equal([['Male', 'Female']]);
    expect(() => run(['Male'], { kind: 'hierarchy', file: 'sex.csv', level: 2 }, ctx)).to.throw(
      DeidError,
    );
    expect(() => run(['Male'], { kind: 'hierarchy', file: 'other.csv', level: 1 }, ctx)).to.throw(
      DeidError,
    );
  });

  it('derive produces one column per field and marks invalid IDs unknown', () => {
    const outcome = applyStep(
      encodeColumn('id', ['120104199003071234', '123', '']),
      { kind: 'derive', fields: ['birth_year', 'province'], ageBandWidth: 10, role: 'quasi' },
      context({ column: 'id' }),
    );
    expect(outcome.columns.map((c) => c.column.name)).to.deep.equal([
      'id_birth_year',
      'id_province',
    ]);
    expect(outcome.columns.map((c) => decodeColumn(c.column))).to.deep.equal([
      ['1990', '*', ''],
      ['天津市', '*', ''],
    ]);
    expect(outcome.record.unreadable).to.equal(1);
  });

  it('date shift: one shift per subject within ±max_days', () => {
    const subject = encodeColumn('patient', ['p1', 'p1', 'p2', 'p2']);
    const ctx = context({ inputColumns: new Map([['patient', subject]]) });
    const [out] = run(
      ['2024-01-10', '2024-01-20', '2024-01-10', '2024-01-20'],
      { kind: 'date_shift', maxDays: 30, subject: 'patient' },
      ctx,
    );
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86400000;
    expect(day(out[1]) - day(out[0])).to.equal(10);
    expect(day(out[3]) - day(out[2])).to.equal(10);
    for (const [i, v] of out.entries())
      expect(Math.abs(day(v) - day(i % 2 ? '2024-01-20' : '2024-01-10'))).to.be.within(1, 30);
  });

  it('synthetic values are seeded and consistent per distinct value', () => {
    const a = run(
      ['张三', '李四', '张三'],
      { kind: 'synthetic', generator: 'name', locale: 'zh_CN' },
      context({ rng: createRng(5) }),
    )[0];
    const b = run(
      ['张三', '李四', '张三'],
      { kind: 'synthetic', generator: 'name', locale: 'zh_CN' },
      context({ rng: createRng(5) }),
    )[0];
    expect(a).to.deep.equal(b);
    expect(a[0]).to.equal(a[2]);
    expect(a[0]).to.not.equal('张三');
  });

  it('tokenize keeps a table; encrypt needs a key', () => {
    const ctx = context();
    const [out] = run(['a', 'b', 'a'], { kind: 'tokenize' }, ctx);
    expect(ctx.tokenTables.get('c')!.get('a')).to.equal(out[0]);
    expect(() => run(['a'], { kind: 'encrypt' })).to.throw(DeidError);
    const [cipher] = run(
      ['a'],
      { kind: 'encrypt' },
      context({ encryptionKey: new Uint8Array(32) }),
    );
    expect(Buffer.from(cipher[0], 'base64').length).to.equal(12 + 1 + 16);
  });
});
