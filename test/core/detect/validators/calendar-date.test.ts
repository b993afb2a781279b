import { expect } from 'chai';
import { isRealDate } from '../../../../src/core/detect/index.js';

describe('core/detect isRealDate', () => {
  it('agrees with the Date round trip for every day number 0–32 of every month, 1896–2104', () => {
    const wrong: string[] = [];
    for (let year = 1896; year <= 2104; year++)
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const date = new Date(Date.UTC(year, month - 1, day));
          const real =
            month >= 1 &&
            month <= 12 &&
            date.getUTCMonth() === month - 1 &&
            date.getUTCDate() === day;
          if (isRealDate(year, month, day) !== real) wrong.push(`${year}-${month}-${day}`);
        }
    expect(wrong).to.deep.equal([]);
  });
});
