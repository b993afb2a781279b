// A listing's plan: deterministic in its key, members distinct and withholdable even all at once.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import {
  FingerprintError,
  measureCopyPrivacy,
  planFingerprint,
  prepareRelease,
} from '../../../src/core/fingerprint/index.js';
import { buildHospitalRelease } from '../../../fixtures/fingerprint/hospital-release.js';
import { smallRelease, STRICT_REQUIREMENTS } from './small-release.js';

const keyOf = (label: string): Uint8Array => createHash('sha256').update(label).digest();

describe('core/fingerprint/slot-plan', () => {
  const prepared = prepareRelease(smallRelease());

  it('is deterministic in the listing key and differs between keys', () => {
    const a = planFingerprint(prepared, { listingKey: keyOf('a'), slots: 20 });
    const again = planFingerprint(prepared, { listingKey: keyOf('a'), slots: 20 });
    const b = planFingerprint(prepared, { listingKey: keyOf('b'), slots: 20 });
    expect(Array.from(again.first)).to.deep.equal(Array.from(a.first));
    expect(again.digest).to.equal(a.digest);
    expect(b.digest).to.not.equal(a.digest);
  });

  it('uses each row at most once, inside the release, rare slots first', () => {
    const plan = planFingerprint(prepared, { listingKey: keyOf('a'), slots: 20 });
    const members = [...plan.first, ...plan.second];
    expect(new Set(members).size).to.equal(members.length);
    expect(members.every((row) => row < prepared.encoded.rowCount)).to.equal(true);
    expect(plan.summary.slots).to.equal(20);
    expect(plan.summary.rareSlots).to.equal(15);
    for (let s = 0; s < plan.summary.rareSlots; s++)
      expect(prepared.encoded.contentSizes[plan.first[s]]).to.equal(1);
  });

  it('caps the slots at the share of rows a copy may withhold', () => {
    const plan = planFingerprint(prepared, {
      listingKey: keyOf('a'),
      slots: 1000,
      maxWithheldShare: 0.02,
    });
    expect(plan.first.length).to.equal(12);
  });

  it('budgets the worst case: every member withheld at once keeps every approved figure', () => {
    // The naive oracle: re-measure the release with all 2S members gone, not just one per slot.
    const releases = [
      smallRelease(),
      smallRelease(900, 2, STRICT_REQUIREMENTS, 'data-use-agreement'),
      buildHospitalRelease({ rows: 10_000, seed: 19 }),
      buildHospitalRelease({ rows: 10_000, seed: 19, policy: 'all-quasi' }),
    ];
    for (const release of releases) {
      const ready = prepareRelease(release);
      const plan = planFingerprint(ready, { listingKey: keyOf('worst'), slots: 150 });
      expect(plan.first.length, 'slots').to.be.greaterThan(5);
      const withheld = new Uint8Array(ready.encoded.rowCount);
      for (const row of [...plan.first, ...plan.second]) withheld[row] = 1;
      const worst = measureCopyPrivacy(release, ready.encoded, withheld);
      const before = ready.privacy;
      expect(worst.measurement.classes).to.equal(before.measurement.classes);
      expect(worst.measurement.k).to.equal(before.measurement.k);
      expect(worst.gbt42460Pass).to.equal(before.gbt42460Pass);
      before.checks.forEach((check, i) => {
        if (check.pass) expect(worst.checks[i].pass, check.model).to.equal(true);
      });
      worst.measurement.sensitive.forEach((s, i) => {
        expect(s.lDistinct).to.equal(before.measurement.sensitive[i].lDistinct);
      });
      // No class lacks more than a tenth of its rows.
      const { classOfRecord, classSizes } = ready.encoded.classes;
      const lost = new Int32Array(classSizes.length);
      withheld.forEach((w, row) => (lost[classOfRecord[row]] += w));
      lost.forEach((n, cls) => expect(n).to.be.at.most(Math.floor(0.1 * classSizes[cls])));
    }
  });

  it('refuses a short key and out-of-range options', () => {
    const cases = [
      { listingKey: new Uint8Array(8) },
      { listingKey: keyOf('a'), slots: -1 },
      { listingKey: keyOf('a'), slots: 1.5 },
      { listingKey: keyOf('a'), maxWithheldShare: 0.9 },
      { listingKey: keyOf('a'), rareShare: 2 },
    ];
    for (const options of cases) {
      try {
        planFingerprint(prepared, options);
        expect.fail('accepted');
      } catch (error) {
        expect(error).to.be.instanceOf(FingerprintError);
        expect((error as FingerprintError).code).to.equal('fingerprint_invalid_parameter');
      }
    }
  });

  it('refuses a release that names a column its table lacks', () => {
    const release = { ...smallRelease(), sensitive: ['nope'] };
    expect(() => planFingerprint(release, { listingKey: keyOf('a') }))
      .to.throw(FingerprintError)
      .with.property('code', 'fingerprint_unknown_column');
  });
});
