import { expect } from 'chai';
import { assessGbt42460 } from '../../../src/core/privacy/gbt42460.js';
import type { Gbt42460Options } from '../../../src/core/privacy/gbt42460.js';
import { classesOfSizes } from './fixtures.js';

const base: Omit<Gbt42460Options, 'context'> = {
  directIdentifiersRemain: false,
  quasiIdentifierCount: 3,
};

describe('core/privacy/gbt42460', () => {
  const cases = [
    {
      desc: 'public release, smallest class 20: θ = τ = 1/20 is not above τ, R = R_b = 0.05 passes (L3)',
      sizes: [20, 25],
      options: { ...base, context: 'public-release' as const },
      want: { Ra: 0, Rb: 1 / 20, Rc: (1 / 20 + 1 / 25) / 2, R: 1 / 20, level: 'L3', pass: true },
    },
    {
      desc: 'public release, a class of 19: R_a > 0 so R = 1 (L2)',
      sizes: [19, 25],
      options: { ...base, context: 'public-release' as const },
      want: { Ra: 1 / 2, Rb: 1 / 19, Rc: (1 / 19 + 1 / 25) / 2, R: 1, level: 'L2', pass: false },
    },
    {
      desc: 'data-use agreement: R = R_c × max(p) = 0.15 × 0.3',
      sizes: [5, 10],
      options: {
        ...base,
        context: 'data-use-agreement' as const,
        probabilities: { deliberateAttempt: 0.3, inadvertentAttempt: 0.2, breach: 0.1 },
      },
      want: { Ra: 0, Rb: 0.2, Rc: 0.15, R: 0.15 * 0.3, level: 'L3', pass: true },
    },
    {
      desc: 'data-use agreement without probabilities assumes pr = 1 and fails',
      sizes: [5, 10],
      options: { ...base, context: 'data-use-agreement' as const },
      want: { Ra: 0, Rb: 0.2, Rc: 0.15, R: 0.15, level: 'L2', pass: false },
    },
    {
      desc: 'enclave: τ = 1/3, a class of 3 sits at τ and passes with a low pr',
      sizes: [3, 6],
      options: {
        ...base,
        context: 'enclave' as const,
        probabilities: { deliberateAttempt: 0.05, inadvertentAttempt: 0.1, breach: 0.05 },
      },
      want: { Ra: 0, Rb: 1 / 3, Rc: (1 / 3 + 1 / 6) / 2, R: 0.25 * 0.1, level: 'L3', pass: true },
    },
    {
      desc: 'a configurable risk threshold',
      sizes: [20, 25],
      options: { ...base, context: 'public-release' as const, riskThreshold: 0.04 },
      want: { Ra: 0, Rb: 1 / 20, Rc: (1 / 20 + 1 / 25) / 2, R: 1 / 20, level: 'L2', pass: false },
    },
    {
      desc: 'a surviving direct identifier is L1 whatever R is',
      sizes: [100],
      options: { ...base, context: 'public-release' as const, directIdentifiersRemain: true },
      want: { Ra: 0, Rb: 1 / 100, Rc: 1 / 100, R: 1 / 100, level: 'L1', pass: false },
    },
    {
      desc: 'no identifiers at all is L4',
      sizes: [10],
      options: { ...base, context: 'public-release' as const, quasiIdentifierCount: 0 },
      want: { Ra: 1, Rb: 1 / 10, Rc: 1 / 10, R: 1, level: 'L4', pass: true },
    },
  ];
  for (const { desc, sizes, options, want } of cases) {
    it(desc, () => {
      const got = assessGbt42460(classesOfSizes(sizes), options);
      expect(got.Ra).to.be.closeTo(want.Ra, 1e-15);
      expect(got.Rb).to.be.closeTo(want.Rb, 1e-15);
      expect(got.Rc).to.be.closeTo(want.Rc, 1e-15);
      expect(got.R).to.be.closeTo(want.R, 1e-15);
      expect(got.level).to.equal(want.level);
      expect(got.pass).to.equal(want.pass);
    });
  }

  it('with nothing released R is 0', () => {
    const got = assessGbt42460(classesOfSizes([], 4), { ...base, context: 'public-release' });
    expect([got.Ra, got.Rb, got.Rc, got.R]).to.deep.equal([0, 0, 0, 0]);
  });
});
