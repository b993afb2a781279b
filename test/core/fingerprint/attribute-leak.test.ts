// Attribution on a small release: the right trade named, innocents never, honest probabilities.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { table } from 'arquero';
import {
  attributeLeak,
  FingerprintError,
  markCopy,
  planFingerprint,
  prepareRelease,
} from '../../../src/core/fingerprint/index.js';
import { smallRelease } from './small-release.js';

const keyOf = (label: string): Uint8Array => createHash('sha256').update(label).digest();

describe('core/fingerprint/attribute-leak', () => {
  const prepared = prepareRelease(smallRelease(2_000, 4));
  const plan = planFingerprint(prepared, { listingKey: keyOf('listing'), slots: 60 });
  const trades = Array.from({ length: 10 }, (_, i) => ({
    tradeId: `trd_${i}`,
    key: keyOf(`trade ${i}`),
  }));

  it('names the trade whose copy leaked, with an exact match, and no other', () => {
    const leaked = markCopy(prepared, plan, trades[3].key).copy;
    const result = attributeLeak(leaked, prepared, plan, trades);
    expect(result.verdict).to.equal('attributed');
    expect(result.reason).to.equal('attributed');
    expect(result.tradeId).to.equal('trd_3');
    expect(result.accused).to.deep.equal(['trd_3']);
    const [best, second] = result.ranking;
    expect(best.exactMatch).to.equal(true);
    expect(best.agreement).to.equal(1);
    expect(best.log10FalseAccusation).to.be.below(-10);
    expect(second.exactMatch).to.equal(false);
    expect(second.falseAccusationProbability).to.be.above(1e-3);
    expect(result.evidence.readableSlots).to.equal(plan.first.length);
    expect(result.ranking.map((r) => r.tradeId).sort()).to.deep.equal(
      trades.map((t) => t.tradeId).sort(),
    );
  });

  it('accuses nobody for the unmarked release or a copy of a trade not among the candidates', () => {
    const outsider = markCopy(prepared, plan, keyOf('someone else')).copy;
    const cases = [
      // Every slot shows both members: the unmarked release carries no mark at all.
      { leaked: prepared.release.table, reason: 'insufficient_evidence' },
      { leaked: outsider, reason: 'below_threshold' },
    ];
    for (const { leaked, reason } of cases) {
      const result = attributeLeak(leaked, prepared, plan, trades);
      expect(result.verdict).to.equal('inconclusive');
      expect(result.reason).to.equal(reason);
      expect(result.accused).to.deep.equal([]);
    }
  });

  it('says inconclusive, not guilty, when too little of the copy survives', () => {
    const leaked = markCopy(prepared, plan, trades[3].key).copy.slice(0, 15);
    const result = attributeLeak(leaked, prepared, plan, trades);
    expect(result.verdict).to.equal('inconclusive');
    expect(result.reason).to.equal('insufficient_evidence');
    expect(result.evidence.bestPossibleLog10FalseAccusation).to.be.above(-6);
  });

  it('reports probabilities an innocent key exceeds no more often than stated', () => {
    // 2,000 innocent keys against one leak: the share whose (per-trade) p ≤ α stays ≤ α.
    const leaked = markCopy(prepared, plan, keyOf('the leaker')).copy.sample(400, {
      shuffle: false,
    });
    const innocents = Array.from({ length: 2_000 }, (_, i) => ({
      tradeId: `inn_${i}`,
      key: keyOf(`innocent ${i}`),
    }));
    const result = attributeLeak(leaked, prepared, plan, innocents);
    const perTrade = result.ranking.map((r) => 10 ** r.log10PValue);
    for (const alpha of [0.1, 0.01, 1e-3]) {
      const share = perTrade.filter((p) => p <= alpha).length / innocents.length;
      expect(share, `alpha ${alpha}`).to.be.at.most(
        alpha + 3 * Math.sqrt(alpha / innocents.length),
      );
    }
    expect(result.accused).to.deep.equal([]);
  });

  it('refuses a copy none of whose columns is in the release', () => {
    expect(() => attributeLeak(table({ note: ['a', 'b'] }), prepared, plan, trades))
      .to.throw(FingerprintError)
      .with.property('code', 'fingerprint_no_matching_columns');
  });

  it("unions over the listing's trades when fewer candidates are scored", () => {
    const leaked = markCopy(prepared, plan, trades[3].key).copy;
    const few = attributeLeak(leaked, prepared, plan, trades.slice(3, 4));
    const many = attributeLeak(leaked, prepared, plan, trades.slice(3, 4), { tradeCount: 1_000 });
    expect(
      many.ranking[0].log10FalseAccusation - few.ranking[0].log10FalseAccusation,
    ).to.be.closeTo(3, 1e-9);
  });
});
