import { expect } from 'chai';
import { COMPOUND_SURNAMES, isCnName, surnameLength } from '../../../../src/core/detect/index.js';
import {
  NOT_AT_END_OF_NAMES,
  NOT_IN_GIVEN_NAMES,
  NOT_NAMES,
} from '../../../../src/core/detect/detectors/cn-name.js';
import { DRUG_CHARACTERS, MEDICAL_WORDS } from '../../../../src/core/detect/medical-terms.js';
import { isPinyinName } from '../../../../src/core/detect/pinyin-names.js';
import { createRng } from '../../../../src/core/rng.js';

// The name rules as written with Sets (before the per-character flag tables).
const SINGLE_SAMPLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
// The word lists are the detector's own (the test is about the lookups, not the lists).
const NOT_IN_GIVEN = new Set(
  Array.from(NOT_IN_GIVEN_NAMES + DRUG_CHARACTERS, (c) => c.charCodeAt(0)),
);
const NOT_AT_END = new Set(Array.from(NOT_AT_END_OF_NAMES, (c) => c.charCodeAt(0)));
const MIDDLE_DOTS = /[·•・．]/;
const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);

const SPACED_HAN = /^[\u4e00-\u9fff\u3400-\u4dbf](?: ?[\u4e00-\u9fff\u3400-\u4dbf]){1,3}$/;

function isCnNameWithSets(value: string): boolean {
  const length = value.length;
  if (length < 2 || length > 24) return false;
  if (value.charCodeAt(0) < 128) return isPinyinName(value);
  if (!isHan(value.charCodeAt(0))) return false;
  if (value.includes(' '))
    return SPACED_HAN.test(value) && isCnNameWithSets(value.replaceAll(' ', ''));
  if (MIDDLE_DOTS.test(value)) {
    const parts = value.split(MIDDLE_DOTS);
    // 张·伟: a dot put inside a Han name.
    if (length <= 5 && parts.length === 2 && parts.every((part) => part.length > 0))
      if (isCnNameWithSets(parts.join(''))) return true;
    if (length < 4 || parts.length < 2 || parts.length > 4) return false;
    return parts.every((part) => {
      if (part.length < 1 || part.length > 8) return false;
      for (let i = 0; i < part.length; i++) if (!isHan(part.charCodeAt(i))) return false;
      return true;
    });
  }
  if (length > 4) return false;
  for (let i = 0; i < length; i++) if (!isHan(value.charCodeAt(i))) return false;
  const surname = surnameLength(value);
  if (surname === 0) return false;
  const given = length - surname;
  if (given < 1 || given > 2) return false;
  for (let i = surname; i < length; i++) if (NOT_IN_GIVEN.has(value.charCodeAt(i))) return false;
  return (
    !NOT_AT_END.has(value.charCodeAt(length - 1)) &&
    !NOT_NAMES.has(value) &&
    !MEDICAL_WORDS.has(value)
  );
}

describe('core/detect cn_name', () => {
  it('agrees with the Set-based rules on random Han strings', () => {
    const rng = createRng(5);
    const pieces = [
      ...SINGLE_SAMPLE,
      ...COMPOUND_SURNAMES,
      ...'病市路号科品卡宝呗为踏视宁安美复金银融端规用新邮付额易借条云闪钱包荣乐国康常通全国栋伟芳娜秀英',
      ...NOT_NAMES,
      '·',
      '•',
      '・',
      '㐀',
      'a',
      '1',
      ' ',
    ];
    const wrong: string[] = [];
    let names = 0;
    for (let i = 0; i < 100_000; i++) {
      let value = '';
      const count = 1 + rng.nextInt(rng.nextInt(4) === 0 ? 8 : 3);
      for (let j = 0; j < count; j++) value += pieces[rng.nextInt(pieces.length)];
      const want = isCnNameWithSets(value);
      if (want) names++;
      if (isCnName(value) !== want) wrong.push(value);
    }
    expect(wrong).to.deep.equal([]);
    expect(names, 'random names').to.be.greaterThan(10_000);
  });

  const surnames: { input: string; want: number }[] = [
    { input: '', want: 0 },
    { input: '王', want: 1 },
    { input: '欧阳修', want: 2 },
    { input: '欧阳', want: 1 }, // 欧 is a single surname too; a compound needs a given name after it
    { input: '上官', want: 0 },
    { input: '上官婉儿', want: 2 },
    { input: '司马光', want: 2 },
    { input: '万俟卨', want: 2 },
    { input: '万里', want: 1 },
    { input: 'x王', want: 0 },
  ];
  for (const { input, want } of surnames)
    it(`surnameLength(${JSON.stringify(input)}) is ${want}`, () =>
      expect(surnameLength(input)).to.equal(want));
});
