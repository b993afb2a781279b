// A trade's marked copy: the release minus one member per slot, as private as the release, with
// what it changed.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import {
  FingerprintError,
  markCopy,
  planFingerprint,
  prepareRelease,
  tradeCodeword,
  withheldRowsOf,
  type FingerprintPlan,
} from '../../../src/core/fingerprint/index.js';
import { smallRelease } from './small-release.js';

const keyOf = (label: string): Uint8Array => createHash('sha256').update(label).digest();

describe('core/fingerprint/mark-copy', () => {
  const prepared = prepareRelease(smallRelease());
  const plan = planFingerprint(prepared, { listingKey: keyOf('listing'), slots: 20 });

  it('withholds exactly the member of each slot that the codeword names', () => {
    const bits = tradeCodeword(plan, keyOf('trade a'));
    const { copy, withheldRows } = markCopy(prepared, plan, keyOf('trade a'));
    const want = Array.from(bits, (bit, s) => (bit === 1 ? plan.second[s] : plan.first[s])).sort(
      (a, b) => a - b,
    );
    expect(Array.from(withheldRows)).to.deep.equal(want);
    expect(copy.numRows()).to.equal(prepared.encoded.rowCount - plan.first.length);
    // The copy is the release's rows in release order, less the withheld ones.
    const kept = Array.from({ length: prepared.encoded.rowCount }, (_, r) => r).filter(
      (r) => !want.includes(r),
    );
    const release = prepared.release.table;
    expect(copy.objects()).to.deep.equal(kept.map((r) => release.object(r)));
  });

  it('gives two trades different copies and one trade the same copy twice', () => {
    const a = withheldRowsOf(plan, keyOf('trade a'));
    expect(Array.from(withheldRowsOf(plan, keyOf('trade a')))).to.deep.equal(Array.from(a));
    expect(Array.from(withheldRowsOf(plan, keyOf('trade b')))).to.not.deep.equal(Array.from(a));
  });

  it('reports what changed and keeps k, the classes and distinct l', () => {
    const { changes } = markCopy(prepared, plan, keyOf('trade a'));
    expect(changes.rowsWithheld).to.equal(20);
    expect(changes.withheldShare).to.be.closeTo(20 / 600, 1e-12);
    expect(changes.after.rows).to.equal(580);
    expect(changes.after.k).to.equal(changes.before.k);
    expect(changes.after.classes).to.equal(changes.before.classes);
    expect(changes.after.highestRisk).to.equal(changes.before.highestRisk);
    expect(changes.after.sensitive[0].lDistinct).to.equal(changes.before.sensitive[0].lDistinct);
    expect(changes.largestClassShareWithheld).to.be.at.most(0.1);
    const distance = changes.sensitiveDistance[0];
    expect(distance.column).to.equal('diagnosis');
    expect(distance.table)
      .to.be.greaterThan(0)
      .and.at.most(20 / 580);
    expect(distance.worstClass).to.be.greaterThan(0).and.at.most(0.15);
  });

  it('refuses a plan that would break an approved figure (a defect the check catches)', () => {
    // Hand-made plan withholding from the smallest class until k would drop.
    const { classOfRecord, classSizes } = prepared.encoded.classes;
    const smallest = classSizes.indexOf(Math.min(...classSizes));
    const rows = Array.from({ length: prepared.encoded.rowCount }, (_, r) => r).filter(
      (r) => classOfRecord[r] === smallest,
    );
    const bad: FingerprintPlan = {
      ...plan,
      first: Uint32Array.from([rows[0]]),
      second: Uint32Array.from([rows[1]]),
    };
    expect(() => markCopy(prepared, bad, keyOf('trade a')))
      .to.throw(FingerprintError)
      .with.property('code', 'fingerprint_privacy_regression');
  });

  it('refuses a plan made for another release and a short trade key', () => {
    const other = planFingerprint(smallRelease(400), { listingKey: keyOf('listing'), slots: 5 });
    expect(() => markCopy(prepared, other, keyOf('trade a')))
      .to.throw(FingerprintError)
      .with.property('code', 'fingerprint_plan_mismatch');
    expect(() => markCopy(prepared, plan, new Uint8Array(4)))
      .to.throw(FingerprintError)
      .with.property('code', 'fingerprint_invalid_parameter');
  });
});
