import { expect } from 'chai';
import { checkPrivacyRequirements } from '../../../src/core/privacy/index.js';
import {
  buildAnonymizationReport,
  bucketClassSizes,
  readAnonymizationReport,
  renderBarChart,
  renderReportHtml,
  ReportError,
  REPORT_FORMAT,
  toReportJson,
} from '../../../src/core/report/index.js';
import { gateParts, HEX, parts } from './fixtures.js';

describe('core/report', () => {
  it('builds a passing report with every figure in place', () => {
    const report = buildAnonymizationReport(
      parts({ k: 3, l: [{ attribute: 'diagnosis', model: 'distinct', l: 2 }] }),
    );
    expect(report.format).to.equal(REPORT_FORMAT);
    expect(report.version).to.equal(3);
    expect(report.generatedAt).to.equal('2026-11-27T08:00:00.000Z');
    expect(report.privacy?.k).to.equal(3);
    expect(report.privacy?.suppressedShare).to.equal(0);
    expect(report.privacy?.quasiIdentifiers).to.deep.equal(['age', 'sex']);
    expect(report.models.map((m) => [m.model, m.pass])).to.deep.equal([
      ['k-anonymity', true],
      ['distinct-l-diversity', true],
      ['gbt42460', true],
    ]);
    // enclave: classes of 3 sit at τ = 1/3, R = R_c · pr = 1/3 · 0.1
    expect(report.privacy?.gbt42460.R).to.be.closeTo(1 / 30, 1e-15);
    // Loss: decades cover 3 of 6 leaves: (3 − 1)/(6 − 1)
    expect(report.utility?.hierarchy?.attributes[0].loss).to.be.closeTo(2 / 5, 1e-15);
    expect(report.utility?.discernibility).to.equal(18);
    expect(report.utility?.columns[0].marginalDistance).to.equal(1);
    expect(report.verdict).to.deep.equal({ pass: true, reasons: [] });
  });

  it('never writes key material: key-like names and binary values are removed and listed', () => {
    const report = buildAnonymizationReport(parts({ k: 2 }));
    expect(report.transforms[0].steps[0].params).to.deep.equal({
      algorithm: 'hmac-sha256',
      nested: { keep: 1 },
    });
    expect(report.transforms[1].steps[0].params).to.deep.equal({ level: 1 });
    expect(report.redactedParameters).to.deep.equal([
      { column: 'name', step: 'pseudonym', parameter: 'key' },
      { column: 'name', step: 'pseudonym', parameter: 'nested.salt' },
      { column: 'age', step: 'hierarchy', parameter: 'material' },
    ]);
    expect(toReportJson(report)).not.to.include('deadbeef');
  });

  it('fails with a reason per failed model, surviving identifier, gate refusal and GB/T verdict', () => {
    const report = buildAnonymizationReport(
      parts(
        { k: 4, l: [{ attribute: 'diagnosis', model: 'recursive', l: 2, c: 2 }] },
        {
          detection: {
            before: { rows: 6, columns: [] },
            after: {
              rows: 6,
              columns: [
                {
                  name: 'phone',
                  findings: [{ kind: 'cn_mobile', match_rate: 1, confidence: 1 }],
                  direct_identifier: true,
                },
              ],
            },
          },
          gate: { pass: false, refusals: [{ kind: 'direct_identifier_remains', column: 'phone' }] },
        },
      ),
    );
    expect(report.verdict.pass).to.equal(false);
    expect(report.verdict.reasons.map((r) => [r.code, r.subject])).to.deep.equal([
      ['gate_refusal', 'phone'],
      ['model_failed', 'k-anonymity'],
      // women: flu 2, asthma 1 → c must exceed 2/1; c = 2 exactly fails (strict)
      ['model_failed', 'recursive-cl-diversity:diagnosis'],
      ['direct_identifier_remains', 'phone'],
    ]);
  });

  it('a recursive (c,l) threshold that no c satisfies reads as unsatisfiable', () => {
    const p = parts({});
    const privacy = p.privacy!;
    const atThree = {
      ...privacy,
      sensitive: privacy.sensitive.map((s) => ({ ...s, recursive: { l: 3, cThreshold: null } })),
    };
    const report = buildAnonymizationReport({
      ...p,
      privacy: atThree,
      models: checkPrivacyRequirements(atThree, {
        l: [{ attribute: 'diagnosis', model: 'recursive', l: 3, c: 10 }],
      }),
    });
    expect(report.verdict.reasons[0]).to.deep.include({
      code: 'model_failed',
      subject: 'recursive-cl-diversity:diagnosis',
    });
    expect(report.verdict.reasons[0].detail).to.include('unsatisfiable');
  });

  it('does not pass without output', () => {
    const report = buildAnonymizationReport(parts({ k: 2 }, { output: undefined }));
    expect(report.output).to.equal(null);
    expect(report.verdict.pass).to.equal(false);
  });

  it('refuses malformed digests and times', () => {
    for (const bad of [
      { input: { rows: 1, columns: [], sha256: 'ABC' } },
      { output: { rows: 1, columns: [], sha256: HEX('G') } },
    ]) {
      expect(() => buildAnonymizationReport(parts({ k: 2 }, bad)))
        .to.throw(ReportError)
        .with.property('code', 'report_invalid_digest');
    }
    expect(() => buildAnonymizationReport(parts({ k: 2 }, { generatedAtMs: Number.NaN })))
      .to.throw(ReportError)
      .with.property('code', 'report_invalid_time');
  });

  it('serializes canonically and reads back only known versions', () => {
    const report = buildAnonymizationReport(parts({ k: 2 }));
    const text = toReportJson(report);
    expect(toReportJson(readAnonymizationReport(JSON.parse(text)))).to.equal(text);
    expect(text.startsWith('{"analysis":')).to.equal(true);
    // Version 1 documents (before the gate's figures) are still read.
    const v1 = { ...JSON.parse(text), version: 1, gate: undefined };
    expect(readAnonymizationReport(v1).version).to.equal(1);
    for (const bad of [
      null,
      {},
      { format: REPORT_FORMAT, version: 4 },
      { format: 'other', version: 1 },
    ]) {
      expect(() => readAnonymizationReport(bad))
        .to.throw(ReportError)
        .with.property('code', 'report_unknown_version');
    }
  });

  describe('HTML rendering', () => {
    const report = buildAnonymizationReport(parts({ k: 2 }));

    it('is self-contained: no scripts, stylesheets, images or remote references', () => {
      const html = renderReportHtml(report);
      expect(html).to.match(/^<!DOCTYPE html>/);
      expect(html).not.to.match(/<script|<link|<img|<iframe|url\(|@import/i);
      expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.to.match(/https?:/);
    });

    it('draws the class-size, risk and per-column before/after charts as inline SVG', () => {
      const html = renderReportHtml(report);
      // 2 summary charts + before and after for each of the 2 columns
      expect(html.match(/<svg /g)?.length).to.equal(6);
      expect(html).to.include(
        'aria-label="等价类大小分布（记录占比，括号内为等价类数） / Class sizes (share of records; classes in brackets)"',
      );
    });

    it('escapes values that come from uploads and policies', () => {
      const hostile = buildAnonymizationReport(
        parts(
          { k: 2 },
          {
            policy: {
              name: '<script>alert(1)</script>',
              version: '1"><b>',
              sha256: HEX('b'),
              mode: 'listing',
            },
          },
        ),
      );
      const html = renderReportHtml(hostile);
      expect(html).not.to.include('<script>alert(1)</script>');
      expect(html).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.to.include('1"><b>');
    });

    const languages = [
      {
        lang: 'bilingual' as const,
        has: ['匿名化评估报告', 'Anonymization report', '通过'],
        lacks: [] as string[],
      },
      {
        lang: 'zh' as const,
        has: ['匿名化评估报告', '重识别风险', 'L3：含准标识符且风险在阈值内'],
        lacks: ['Anonymization report', 'Re-identification risk'],
      },
      {
        lang: 'en' as const,
        has: [
          'Anonymization report',
          'Re-identification risk',
          'L3: quasi-identifiers, risk within threshold',
        ],
        lacks: ['匿名化评估报告', '重识别风险'],
      },
    ];
    for (const { lang, has, lacks } of languages) {
      it(`renders in ${lang}`, () => {
        const html = renderReportHtml(report, { lang });
        for (const text of has) expect(html).to.include(text);
        for (const text of lacks) expect(html).not.to.include(text);
      });
    }

    it('shows the verdict and each model with its threshold and result', () => {
      const failing = buildAnonymizationReport(parts({ k: 5 }));
      const html = renderReportHtml(failing, { lang: 'en' });
      expect(html).to.include('<span class="badge fail">FAIL</span>');
      expect(html).to.match(
        /<td>k-anonymity<\/td><td>—<\/td><td>≥ 5<\/td><td>3<\/td><td><span class="badge fail">FAIL<\/span><\/td>/,
      );
      expect(html).to.include('measured 3, required &gt;= 5');
    });
  });

  it("carries the gate's figures and renders both risk figures, unique shares and candidates", () => {
    const base = parts({ k: 2 });
    const privacy = base.privacy!;
    const report = buildAnonymizationReport({ ...base, gate: gateParts(privacy) });
    expect(report.gate!.declaredRisk).to.deep.include({
      quasiIdentifiers: ['age'],
      k: 6,
      classes: 1,
    });
    expect(report.gate!.measuredRisk).to.deep.include({ quasiIdentifiers: ['age', 'sex'], k: 3 });
    expect(report.gate!.refusals[0]).to.include({ kind: 'near_unique_column', column: 'note' });
    expect(report.verdict.reasons).to.deep.include({
      code: 'gate_refusal',
      subject: 'note',
      detail: 'column note: 100.0 % of its released values are unique',
    });
    const html = renderReportHtml(report, { lang: 'en' });
    expect(html).to.include('Two risk figures (the gate uses the second)');
    expect(html).to.include(
      '<strong>Every released non-sensitive column an attacker could know</strong>',
    );
    expect(html).to.include('constant (releases nothing)');
    expect(html).to.match(
      /<td>phone<\/td><td>mask<\/td><td>cn_mobile<\/td><td>3<\/td><td>≥ 5<\/td><td><span class="badge fail">/,
    );
    expect(html).to.include('<td>note</td><td>cn_mobile 4</td><td>3</td><td>0</td><td>80.00%</td>');
    expect(html).to.include('shuffled from a CSPRNG; the draw is not stored');
  });

  it('buckets class sizes by share of records', () => {
    const bars = bucketClassSizes([
      { size: 1, classes: 2, records: 2 },
      { size: 7, classes: 1, records: 7 },
      { size: 1500, classes: 1, records: 1500 },
    ]);
    const byLabel = new Map(bars.map((bar) => [bar.label, bar]));
    expect(byLabel.get('1')?.value).to.be.closeTo(2 / 1509, 1e-15);
    expect(byLabel.get('5–9')?.note).to.equal(`${((7 / 1509) * 100).toFixed(2)}% (1)`);
    expect(byLabel.get('≥1000')?.value).to.be.closeTo(1500 / 1509, 1e-15);
    expect(byLabel.get('2')?.value).to.equal(0);
  });

  it('scales bars to the largest value', () => {
    const svg = renderBarChart(
      [
        { label: 'a', value: 10 },
        { label: 'b', value: 5 },
      ],
      { title: 't', width: 540 },
    );
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).to.deep.equal([300, 150]);
  });
});
