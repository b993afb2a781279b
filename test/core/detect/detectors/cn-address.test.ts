import { expect } from 'chai';
import { isCnAddress } from '../../../../src/core/detect/index.js';
import { STREET_NUMBER } from '../../../../src/core/detect/detectors/cn-address.js';
import { createRng } from '../../../../src/core/rng.js';

/** isCnAddress as written with regular expressions only (before hasStreetNumber). */
function isCnAddressWithRegexes(value: string): boolean {
  const ADMIN = /(?:省|自治区|特别行政区|市|自治州|地区|盟|区|县|旗|镇|乡|街道)/;
  const STREET = /(?:路|街|大街|大道|巷|弄|胡同|村|社区|小区|花园|公寓|大厦|单元|室)/;
  const length = value.length;
  if (length < 4 || length > 120) return false;
  let hasDigit = false;
  let hasHan = false;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) hasDigit = true;
    else if (c >= 0x4e00 && c <= 0x9fff) hasHan = true;
  }
  if (!hasDigit || !hasHan) return false;
  if (STREET_NUMBER.test(value)) return true;
  const admin = ADMIN.exec(value);
  return admin !== null && STREET.test(value.slice(admin.index + admin[0].length));
}

describe('core/detect cn_address', () => {
  it('agrees with the regular expressions on random strings of units, digits and spaces', () => {
    const rng = createRng(3);
    const pieces = [
      ...'路街大道胡同小区花园公寓厦广场中心巷弄里桥村组屯苑庄栋旁号幢室楼单元院省市县镇乡社张河西',
      ...'0123456789',
      ' ',
      '\u3000',
      '\u00a0',
      '\t',
      'A',
      '-',
      '㐀',
    ];
    const wrong: string[] = [];
    let addresses = 0;
    for (let i = 0; i < 100_000; i++) {
      let value = '';
      const length = rng.nextInt(14);
      for (let j = 0; j < length; j++) value += pieces[rng.nextInt(pieces.length)];
      const want = isCnAddressWithRegexes(value);
      if (want) addresses++;
      if (isCnAddress(value) !== want) wrong.push(value);
    }
    expect(wrong).to.deep.equal([]);
    expect(addresses, 'random addresses').to.be.greaterThan(5_000);
  });

  const cases: { desc: string; input: string; want: boolean }[] = [
    { desc: 'two-character unit before the number', input: '幸福小区 5 栋', want: true },
    { desc: 'the first character of a two-character unit alone', input: '幸福小5栋', want: false },
    { desc: '单元 after the number', input: '友谊路3单元', want: true },
    { desc: '单 alone after the number', input: '友谊路3单', want: false },
    { desc: 'ideographic spaces around the number', input: '友谊路\u300020\u3000号', want: true },
    { desc: 'a later digit run matches', input: '天津市A1路20号', want: true },
    { desc: 'administrative unit, street unit and a digit', input: '河西区梅江花园3', want: true },
    { desc: 'a region without a digit', input: '河西区梅江花园', want: false },
  ];
  for (const { desc, input, want } of cases)
    it(desc, () => {
      expect(isCnAddress(input)).to.equal(want);
      expect(isCnAddressWithRegexes(input)).to.equal(want);
    });
});
