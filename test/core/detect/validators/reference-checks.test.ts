// The allocation-free validators against the straightforward string-slicing definitions they replaced.
import { expect } from 'chai';
import { createRng } from '../../../../src/core/rng.js';
import { isKnownProvincePrefix } from '../../../../src/core/regions/index.js';
import {
  computeResidentIdCheck,
  computeUsccCheckCharacter,
  isRealDate,
  isValidResidentId,
  isValidUscc,
} from '../../../../src/core/detect/index.js';
import { isValidUsccIgnoringCase } from '../../../../src/core/detect/validators/cn-uscc.js';

const TODAY = 20261127;

function referenceResidentId(value: string): boolean {
  if (value.length === 18) {
    if (!/^\d{17}[\dXx]$/.test(value) || !isKnownProvincePrefix(value.slice(0, 2))) return false;
    const ymd = Number(value.slice(6, 14));
    const year = Math.floor(ymd / 10000);
    if (year < 1900 || ymd > TODAY) return false;
    if (!isRealDate(year, Math.floor(ymd / 100) % 100, ymd % 100)) return false;
    return computeResidentIdCheck(value.slice(0, 17)) === value[17].toUpperCase();
  }
  if (value.length === 15) {
    if (!/^\d{15}$/.test(value) || !isKnownProvincePrefix(value.slice(0, 2))) return false;
    return isRealDate(
      1900 + Number(value.slice(6, 8)),
      Number(value.slice(8, 10)),
      Number(value.slice(10, 12)),
    );
  }
  return false;
}

function referenceUscc(code: string): boolean {
  return (
    code.length === 18 &&
    /^[0-9]{6}$/.test(code.slice(2, 8)) &&
    computeUsccCheckCharacter(code.slice(0, 17)) === code[17]
  );
}

describe('core/detect validators against their reference definitions', () => {
  const rng = createRng(21);
  const digits = (n: number) => Array.from({ length: n }, () => String(rng.nextInt(10))).join('');

  it('resident ID: 20 000 random and near-valid numbers', () => {
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      const prefix = `${10 + rng.nextInt(80)}${digits(4)}`;
      const date = `${1890 + rng.nextInt(140)}${String(1 + rng.nextInt(13)).padStart(2, '0')}${String(1 + rng.nextInt(31)).padStart(2, '0')}`;
      const body = prefix + date + digits(3);
      const long = body + (rng.nextInt(3) === 0 ? 'x' : (computeResidentIdCheck(body) ?? '0'));
      const short = prefix + date.slice(2) + digits(3);
      for (const value of [long, short, `${body}${digits(1)}`, `A${body}`])
        expect(isValidResidentId(value, TODAY), value).to.equal(referenceResidentId(value));
      if (isValidResidentId(long, TODAY)) valid++;
    }
    expect(valid).to.be.above(1000);
  });

  it('USCC: random codes over the alphabet, with and without a correct check, any case', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXYZIOSVabc';
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      let first17 = '';
      for (let p = 0; p < 17; p++)
        first17 +=
          p >= 2 && p < 8 && rng.nextInt(4) > 0
            ? digits(1)
            : alphabet[rng.nextInt(alphabet.length)];
      const check = computeUsccCheckCharacter(first17) ?? 'A';
      for (const code of [first17 + check, first17 + alphabet[rng.nextInt(alphabet.length)]]) {
        expect(isValidUscc(code), code).to.equal(referenceUscc(code));
        expect(isValidUsccIgnoringCase(code), code).to.equal(referenceUscc(code.toUpperCase()));
        if (isValidUscc(code)) valid++;
      }
    }
    expect(valid).to.be.above(100);
  });
});
