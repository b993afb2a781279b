import { expect } from 'chai';
import {
  detectColumns,
  detectColumn,
  createDetectors,
  headerHint,
  inferColumnType,
} from '../../../src/core/detect/index.js';
import { scanFullColumn } from '../../../src/core/detect/full-scan.js';
import { encodeColumn, toColumnTable } from '../../../src/core/table/index.js';
import { labelledColumns } from './vectors/labelled-columns.js';
import { TODAY_YMD } from './vectors/detector-vectors.js';
import { createRng } from '../../../src/core/rng.js';
import { isLuhnValid } from '../../../src/core/detect/validators/luhn.js';

describe('core/detect detectColumns', () => {
  const detectors = createDetectors({ todayYmd: TODAY_YMD });

  describe('columns of identifiers written backwards', () => {
    const rng = createRng(14);
    const digitsOf = (n: number) => Array.from({ length: n }, () => rng.nextInt(10)).join('');
    const luhnCompleted = (body: string) => {
      for (let d = 0; d < 10; d++) if (isLuhnValid(body + d)) return body + d;
      throw new Error('unreachable');
    };
    const kindsOf = (values: string[]) => {
      const detection = detectColumn(encodeColumn('col_7', values), detectors, { fullScan: true });
      return detection.direct_identifier ? detection.findings[0].kind : undefined;
    };
    const reversed = (value: string) => Array.from(value).reverse().join('');

    it('finds mobiles read backwards (87654321831)', () =>
      expect(kindsOf(Array.from({ length: 200 }, () => reversed(`138${digitsOf(8)}`)))).to.equal(
        'cn_mobile',
      ));
    it('finds UnionPay cards read backwards (Luhn on the reversal)', () =>
      expect(
        kindsOf(Array.from({ length: 200 }, () => reversed(luhnCompleted(`622848${digitsOf(9)}`)))),
      ).to.equal('bank_card'));
    it('lists no card among 16-digit order numbers (few read as a card either way)', () => {
      const values = Array.from({ length: 2000 }, () => `2023${digitsOf(12)}`);
      const detection = detectColumn(encodeColumn('order_no', values), detectors, {
        fullScan: true,
      });
      expect(detection.findings.map((f) => f.kind)).to.not.include('bank_card');
    });
  });

  it('column-level precision and recall ≥ 0.99 on labelled columns with hard negatives', () => {
    const columns = labelledColumns();
    const table = toColumnTable(
      columns.map((c) => c.header),
      columns.map((c) => c.values),
    );
    const report = detectColumns(table, { todayYmd: TODAY_YMD });
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const wrong: string[] = [];
    report.columns.forEach((got, index) => {
      const want = columns[index].label;
      const kind = got.findings[0]?.kind;
      if (want && got.direct_identifier && kind === want) truePositives++;
      else if (want) {
        falseNegatives++;
        wrong.push(`${got.name}: want ${want}, got ${JSON.stringify(got.findings)}`);
      } else if (got.direct_identifier) {
        falsePositives++;
        wrong.push(`${got.name}: want none, got ${JSON.stringify(got.findings)}`);
      }
    });
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    expect(wrong, wrong.join('\n')).to.deep.equal([]);
    expect(precision).to.be.at.least(0.99);
    expect(recall).to.be.at.least(0.99);
  });

  it('reports type, nulls, distinct and a rounded match rate', () => {
    const values = ['13812345678', '13912345678', '', '13812345678', 'unknown'];
    const got = detectColumn(encodeColumn('手机', values), detectors);
    expect(got).to.deep.include({
      name: '手机',
      type: 'string',
      nulls: 1,
      distinct: 4,
      direct_identifier: true,
      scanned: 'full',
    });
    expect(got.findings[0]).to.deep.equal({
      kind: 'cn_mobile',
      match_rate: 0.75,
      confidence: 0.9,
      matches: 3,
    });
  });

  it('samples first and scans fully only when the sample is inconclusive', () => {
    const rows = 10_000;
    const allPhones = Array.from({ length: rows }, (_, i) => `138${String(i).padStart(8, '0')}`);
    expect(
      detectColumn(encodeColumn('a', allPhones), detectors, { sampleSize: 500 }).scanned,
    ).to.equal('sample');
    const someTenPercent = allPhones.map((v, i) => (i % 10 === 0 ? v : `x${i}`));
    const mixed = detectColumn(encodeColumn('a', someTenPercent), detectors, { sampleSize: 500 });
    expect(mixed.scanned).to.equal('full');
    expect(mixed.findings[0]).to.include({ kind: 'cn_mobile', matches: 1000, match_rate: 0.1 });
    const none = Array.from({ length: rows }, (_, i) => `x${i}`);
    expect(detectColumn(encodeColumn('a', none), detectors, { sampleSize: 500 }).scanned).to.equal(
      'sample',
    );
  });

  it('the full scan agrees with encoding, then scanning every value', () => {
    const columns = labelledColumns();
    const table = toColumnTable(
      columns.map((c) => c.header),
      columns.map((c) => [...c.values, '', ' ', '１３８１２３４５６７８', c.values[0]]),
    );
    const fused = detectColumns(table, { todayYmd: TODAY_YMD, fullScan: true });
    const separate = table.columnNames().map((name) =>
      detectColumn(encodeColumn(name, table.array(name) as ArrayLike<unknown>), detectors, {
        fullScan: true,
      }),
    );
    expect(fused.columns).to.deep.equal(separate);
    const scanned = scanFullColumn('v', ['b', '', 'a', 'b', '  '], detectors);
    expect(scanned).to.deep.include({ nulls: 1, distinct: 4, type: 'string' });
    expect(scanned.scan.nonEmpty).to.equal(3);
  });

  it('sampling the raw values agrees with sampling the encoded column, branch by branch', () => {
    const rows = 6000;
    const phones = Array.from({ length: rows }, (_, i) => `138${String(i).padStart(8, '0')}`);
    const columns: Record<string, string[]> = {
      conclusive: phones,
      inconclusive: phones.map((v, i) => (i % 10 === 0 ? v : `x${i}`)),
      'few distinct': phones.map((v, i) => (i % 3 === 0 ? phones[i % 40] : '')),
      nothing: Array.from({ length: rows }, (_, i) => `order-${i}`),
    };
    const table = toColumnTable(Object.keys(columns), Object.values(columns));
    const got = detectColumns(table, { todayYmd: TODAY_YMD, sampleSize: 500 });
    const want = Object.entries(columns).map(([name, values]) =>
      detectColumn(encodeColumn(name, values), detectors, { sampleSize: 500 }),
    );
    expect(got.columns).to.deep.equal(want);
    expect(got.columns.map((c) => c.scanned)).to.deep.equal(['sample', 'full', 'full', 'sample']);
  });

  it('a value a strong detector claims is not counted by later detectors', () => {
    // 440306198511111099 is a valid resident ID that also passes Luhn with issuer digit 4, like a card.
    const got = detectColumn(
      encodeColumn('c', ['440306198511111099', '11010519491231002X']),
      detectors,
    );
    expect(got.findings.map((f) => f.kind)).to.deep.equal(['cn_resident_id']);
  });

  it('header words raise and lower confidence', () => {
    expect(headerHint('身份证号码', 'cn_resident_id')).to.equal(1);
    expect(headerHint('patientName', 'cn_name')).to.equal(1);
    expect(headerHint('product_name', 'cn_name')).to.equal(-1);
    expect(headerHint('订单号', 'bank_card')).to.equal(-1);
    expect(headerHint('col_a', 'email')).to.equal(0);
    const half = ['张三', '李四', 'x1', 'x2'];
    const named = detectColumn(encodeColumn('姓名', half), detectors).findings[0];
    const anonymous = detectColumn(encodeColumn('col', half), detectors).findings[0];
    expect(named.confidence).to.be.greaterThan(anonymous.confidence);
  });

  const types: { input: string[]; want: string }[] = [
    { input: ['1', '-2', ''], want: 'integer' },
    { input: ['1', '2.5'], want: 'number' },
    { input: ['0371', '1'], want: 'string' },
    { input: ['2023-07-14', '2023/1/2'], want: 'date' },
    { input: ['2023-07-14 10:00:00'], want: 'datetime' },
    { input: ['true', 'FALSE'], want: 'boolean' },
    { input: [''], want: 'empty' },
    { input: ['张三'], want: 'string' },
  ];
  for (const { input, want } of types)
    it(`infers ${want} from ${JSON.stringify(input)}`, () =>
      expect(inferColumnType(input)).to.equal(want));
});
