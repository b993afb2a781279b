// Adversarial releases, end to end through the pipeline and its Art. 29 gate: every disguise and
// recoverable transform is refused, free text is scrubbed or refused, no labelled identifier
// survives a listing release, ordinary words pass, and the released rows carry no order.
import { expect } from 'chai';
import { parsePolicy, runPipeline, type PipelineResult } from '../../../../src/core/deid/index.js';
import { toColumnTable } from '../../../../src/core/table/index.js';
import {
  BASE_POLICY,
  baseRelease,
  buildCase,
  DISGUISES,
  MORE_DISGUISES,
  PRIVACY,
  TEXT_CASES,
  TRANSFORM_CASES,
  type GateCase,
} from '../../../../fixtures/adversarial/gate-cases.js';

const TODAY = 20250101;

function release(gateCase: GateCase, seed = 1) {
  const built = buildCase(gateCase, seed);
  const result = runPipeline(built.table, parsePolicy(built.policy, `${gateCase.name}.yaml`), {
    seed,
    todayYmd: TODAY,
  });
  return { ...built, result };
}

/** Every released cell, and the same with everything but digits and letters removed. */
function releasedText(result: PipelineResult): { raw: string; compact: string } {
  const cells = result
    .output!.columnNames()
    .flatMap((name) => result.output!.array(name) as string[]);
  const raw = cells.join('\n');
  return { raw, compact: raw.normalize('NFKC').replace(/[^0-9A-Za-z\u4e00-\u9fff]/g, '') };
}

/** True when the label appears in the release, as written or with separators removed. */
function survives(label: string, text: { raw: string; compact: string }): boolean {
  if (label === '') return false;
  const compact = label.normalize('NFKC').replace(/[^0-9A-Za-z\u4e00-\u9fff]/g, '');
  return text.raw.includes(label) || (compact.length >= 6 && text.compact.includes(compact));
}

describe('adversarial releases through the Art. 29 gate', () => {
  it('releases the base clinic table: drug and department names are not identifiers', () => {
    const base = baseRelease();
    const names = Object.keys(base.columns);
    const result = runPipeline(
      toColumnTable(
        names,
        names.map((n) => base.columns[n]),
      ),
      parsePolicy(BASE_POLICY + PRIVACY),
      { seed: 1, todayYmd: TODAY },
    );
    expect(result.verdict.refusals).to.deep.equal([]);
    expect(result.verdict.pass).to.equal(true);
    expect(result.output!.numRows()).to.equal(400);
    for (const column of ['drug', 'department'])
      expect(result.findingsAfter!.columns.find((c) => c.name === column)!.findings).to.deep.equal(
        [],
      );
  });

  for (const [group, cases] of [
    ['disguise', DISGUISES],
    ['disguise beyond the issue', MORE_DISGUISES],
    ['free text', TEXT_CASES],
    ['transform', TRANSFORM_CASES],
  ] as const)
    for (const gateCase of cases)
      it(`${group}: ${gateCase.name} is ${gateCase.want.outcome}`, () => {
        const { result, patients } = release(gateCase);
        const kinds = result.verdict.refusals.map((r) => r.kind);
        if (gateCase.want.outcome === 'refused') {
          expect(result.verdict.pass, 'refused').to.equal(false);
          expect(kinds, JSON.stringify(result.verdict.refusals)).to.include.oneOf([
            ...gateCase.want.refusalKinds,
          ]);
          return;
        }
        expect(result.verdict.pass, JSON.stringify(result.verdict.refusals)).to.equal(true);
        // No labelled identifier survives what is released.
        const text = releasedText(result);
        const leaked = patients.flatMap((p) => gateCase.labels(p)).filter((l) => survives(l, text));
        expect(leaked).to.deep.equal([]);
      });

  it('every refused case would have leaked: its labels are in the table the policy would release', () => {
    // Guards the cases themselves: a refusal counts only if the column really carried identifiers.
    for (const gateCase of [...DISGUISES, ...MORE_DISGUISES, ...TEXT_CASES, ...TRANSFORM_CASES]) {
      if (gateCase.want.outcome !== 'refused') continue;
      const { table, patients } = buildCase(gateCase);
      const names = table.columnNames().slice(5);
      // Row by row, the case's columns joined (so an ID split over two columns reads whole).
      const cells = Array.from({ length: table.numRows() }, (_, r) =>
        names.map((n) => (table.array(n) as string[])[r]).join(''),
      ).join('\n');
      const labels = patients.flatMap((p) => gateCase.labels(p));
      if (labels.length === 0) continue;
      const digitsOnly = cells.normalize('NFKC').replace(/\D/g, '');
      const present = labels.filter(
        (l) =>
          cells.includes(l) ||
          cells.includes(Buffer.from(l).toString('base64')) ||
          cells.includes(Buffer.from(l).toString('hex')) ||
          digitsOnly.includes(l.replace(/\D/g, '') || '\u0000'),
      );
      expect(present.length, gateCase.name).to.be.greaterThan(0);
    }
  });

  it('scrubbed notes keep their ordinary words and count the spans per kind', () => {
    const gateCase = TEXT_CASES.find((c) => c.name === 'notes scrubbed')!;
    const { result } = release(gateCase);
    const [scrub] = result.textScrubs;
    expect(scrub.column).to.equal('备注');
    expect(scrub.counts.cellsWithSpans).to.be.within(40, 140);
    for (const kind of ['cn_resident_id', 'cn_mobile', 'cn_name', 'cn_address'] as const)
      expect(scrub.counts.spansByKind[kind], kind).to.equal(scrub.counts.cellsWithSpans);
    // Notes naming a patient are mostly identifiers; the others are kept whole.
    expect(scrub.counts.textKept).to.be.within(0.5, 1);
    const notes = result.output!.array('备注') as string[];
    const ordinary = [
      '复诊，血压平稳，继续服药。',
      '主诉头痛两天，无发热。',
      '术后恢复良好，建议复查。',
    ];
    for (const n of notes)
      expect(
        ordinary.some((o) => n.endsWith(o)),
        n,
      ).to.equal(true);
    expect(notes.filter((n) => n.includes('〔身份证号〕')).length).to.equal(
      scrub.counts.cellsWithSpans,
    );
    expect(
      notes.some((n) => n.startsWith('患者〔姓名〕，身份证号〔身份证号〕，电话〔手机号〕')),
    ).to.equal(true);
  });

  it('measures k over every knowable column: a cost declared insensitive is counted, and refused', () => {
    const { result } = release({
      name: 'cost',
      columns: (_, rng) => ({
        cost: Array.from({ length: 400 }, () => String(10 * (5 + rng.nextInt(60)))),
      }),
      policy: '  cost: { role: insensitive }\n',
      labels: () => [],
      want: { outcome: 'refused', refusalKinds: [] },
    });
    // Over the declared quasi-identifiers alone the release looks fine…
    expect(result.quasiIdentifierSets.declared).to.deep.equal(['sex', 'age_band', 'zone']);
    expect(result.privacyDeclared!.k).to.be.at.least(20);
    expect(result.privacyDeclared!.gbt42460.R).to.be.at.most(0.05);
    // …over what an attacker could know it is not, and that is the figure the gate uses.
    expect(result.quasiIdentifierSets.knowable).to.deep.equal(['sex', 'age_band', 'zone', 'cost']);
    expect(result.privacy!.k).to.be.below(20);
    expect(result.privacy!.risk.sampleUniques).to.be.above(0.1);
    expect(result.verdict.refusals).to.deep.include({
      kind: 'privacy_requirement',
      model: 'k-anonymity',
      attribute: null,
      value: result.privacy!.k,
      threshold: 20,
      quasiIdentifiers: ['sex', 'age_band', 'zone', 'cost'],
    });
    // Declared quasi, the cost takes part in suppression too (here: far beyond the limit).
    const declaredQuasi = release({
      name: 'cost as quasi',
      columns: (_, rng) => ({
        cost: Array.from({ length: 400 }, () => String(10 * (5 + rng.nextInt(60)))),
      }),
      policy: '  cost: { role: quasi }\n',
      labels: () => [],
      want: { outcome: 'refused', refusalKinds: [] },
    }).result;
    expect(declaredQuasi.verdict.refusals.map((r) => r.kind)).to.include(
      'suppression_limit_exceeded',
    );
  });

  it('refuses a recoverable mask even where k holds: 20 patients with 20 visits each', () => {
    // Each masked ID is shared by the 20 visits of one person, so every class reaches k = 20:
    // only counting the candidate originals shows that the hidden digit comes back.
    const base = baseRelease();
    const ids = base.patients.slice(0, 20).map((p) => p.id.replace(/X$/, '0'));
    const rows = ids.flatMap((id) => Array.from({ length: 20 }, () => id));
    const table = toColumnTable(
      ['id_number', 'drug'],
      [rows, rows.map((_, i) => base.columns.drug[i])],
    );
    const policy = (transform: string) =>
      parsePolicy(`name: visits
version: 1
mode: listing
columns:
  id_number: { role: identifier, transform: ${transform} }
  drug: { role: sensitive }
privacy: { k: 20, suppression_limit: 0, context: public-release }
`);
    const hidden = runPipeline(table, policy('{ mask: { keep_start: 13, keep_end: 4 } }'), {
      seed: 1,
      todayYmd: TODAY,
    });
    expect(hidden.privacy!.k).to.be.at.least(20);
    expect(hidden.verdict.refusals.map((r) => r.kind)).to.deep.equal(['recoverable_transform']);
    expect(hidden.identifierTransforms[0]).to.deep.include({
      column: 'id_number',
      identifierKind: 'cn_resident_id',
      candidates: 1,
      required: 20,
    });
    // Keeping only the region leaves billions of candidates: released.
    const region = runPipeline(table, policy('{ mask: { keep_start: 6 } }'), {
      seed: 1,
      todayYmd: TODAY,
    });
    expect(region.verdict.refusals).to.deep.equal([]);
  });

  it('releases rows in an order that says nothing about the input order', () => {
    // The input is sorted by visit date; the release keeps the month. A kept order would list the
    // months in sequence; a uniform permutation leaves about half of all pairs inverted.
    const gateCase: GateCase = {
      name: 'sorted by visit',
      columns: (ps) => ({ visit_month: ps.map((p) => String(p.visitDay)) }),
      policy: '  visit_month: { role: sensitive }\n',
      labels: () => [],
      want: { outcome: 'released' },
    };
    const built = buildCase(gateCase);
    const order = (built.table.array('visit_month') as string[])
      .map((day, row) => ({ day: Number(day), row }))
      .sort((a, b) => a.day - b.day)
      .map((x) => x.row);
    const sorted = built.table.reify(order);
    const months = (sorted.array('visit_month') as string[]).map((d) =>
      String(Math.floor(Number(d) / 30)),
    );
    const table = sorted.assign({ visit_month: months });
    const result = runPipeline(table, parsePolicy(built.policy), {
      seed: 3,
      todayYmd: TODAY,
      rowOrderRandomBytes: (n) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + 17) & 0xff),
    });
    expect(result.verdict.pass, JSON.stringify(result.verdict.refusals)).to.equal(true);
    expect(result.rowOrder).to.equal('secure-random');
    const released = (result.output!.array('visit_month') as string[]).map(Number);
    let inversions = 0;
    let pairs = 0;
    for (let i = 0; i < released.length; i++)
      for (let j = i + 1; j < released.length; j++) {
        if (released[i] === released[j]) continue;
        pairs++;
        if (released[i] > released[j]) inversions++;
      }
    expect(inversions / pairs).to.be.within(0.4, 0.6);
  });
});
