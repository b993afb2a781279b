import { expect } from 'chai';
import {
  computeUsccCheckCharacter,
  isValidUscc,
  USCC_ALPHABET,
  USCC_WEIGHTS,
} from '../../../../src/core/detect/validators/cn-uscc.js';

/** Naive reference: the formula of GB 32100-2015 §5.2 written out with Math.pow. */
function referenceCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 1; i <= 17; i++) {
    sum += USCC_ALPHABET.indexOf(first17[i - 1]) * (Math.pow(3, i - 1) % 31);
  }
  const value = 31 - (sum % 31);
  return USCC_ALPHABET[value === 31 ? 0 : value];
}

describe('core/detect/validators/cn-uscc', () => {
  it('uses the 31-character alphabet without I, O, S, V, Z and weights 3^(i-1) mod 31', () => {
    expect(USCC_ALPHABET).to.have.length(31);
    for (const excluded of 'IOSVZ') expect(USCC_ALPHABET).not.to.include(excluded);
    expect(USCC_WEIGHTS).to.deep.equal([
      1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ]);
  });

  const cases = [
    { desc: 'published example code', input: '91350100M000100Y43', want: true },
    {
      desc: 'enterprise code with letter check character',
      input: '91440300708461136T',
      want: true,
    },
    { desc: 'code ending in L', input: '91110000600037341L', want: true },
    { desc: 'wrong check character', input: '91350100M000100Y44', want: false },
    { desc: 'lower case is not the canonical form', input: '91350100m000100y43', want: false },
    { desc: 'seventeen characters', input: '91350100M000100Y4', want: false },
    { desc: 'nineteen characters', input: '91350100M000100Y433', want: false },
    { desc: 'excluded letter O', input: '91350100O000100Y43', want: false },
    { desc: 'letter in the administrative division', input: '913501A0M000100Y43', want: false },
    { desc: 'empty', input: '', want: false },
  ];
  for (const { desc, input, want } of cases) {
    it(`isValidUscc: ${desc}`, () => {
      expect(isValidUscc(input)).to.equal(want);
    });
  }

  it('agrees with the naive formula on generated bodies, and every other check character fails', () => {
    let seed = 7;
    for (let n = 0; n < 200; n++) {
      let body = '';
      for (let i = 0; i < 17; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        body += i >= 2 && i < 8 ? String(seed % 10) : USCC_ALPHABET[seed % 31];
      }
      const check = computeUsccCheckCharacter(body);
      expect(check).to.equal(referenceCheckCharacter(body));
      expect(isValidUscc(`${body}${check}`)).to.equal(true);
      const wrong = USCC_ALPHABET[(USCC_ALPHABET.indexOf(check!) + 1 + (n % 30)) % 31];
      expect(isValidUscc(`${body}${wrong}`)).to.equal(false);
    }
  });

  it('computeUsccCheckCharacter refuses input outside the alphabet or of the wrong length', () => {
    expect(computeUsccCheckCharacter('9135010OM000100Y4')).to.equal(undefined);
    expect(computeUsccCheckCharacter('91350100M000100Y')).to.equal(undefined);
  });
});
