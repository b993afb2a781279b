import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'chai';
import { createDetectors, type Detector } from '../../../src/core/detect/index.js';
import { toDetectorSet } from '../../../src/core/detect/detector-set.js';
import { EMPTY_VALUE, matchMask } from '../../../src/core/detect/match-mask.js';
import {
  AT,
  characterClasses,
  COLON,
  DASH,
  DIGIT,
  DOT,
  FULL_WIDTH,
  HAN,
  HASH,
  hashValueAndClassify,
  isAdmitted,
  LETTER,
  LETTER_X,
  MIDDLE_DOT,
  OTHER,
  OTHER_ASCII,
  PAREN,
  PLUS,
  SPACE,
} from '../../../src/core/detect/value-shape.js';
import { createRng } from '../../../src/core/rng.js';
import { readTable, toHalfWidth } from '../../../src/core/table/index.js';
import { hashString } from '../../../src/core/table/string-interner.js';
import { detectorVectors, TODAY_YMD } from './vectors/detector-vectors.js';
import { labelledColumns } from './vectors/labelled-columns.js';

/** matchMask as it was before shape gates: every detector called, in order, on the normalized value. */
function matchMaskCallingEveryDetector(raw: string, detectors: readonly Detector[]): number {
  const value = toHalfWidth(raw.trim());
  if (value === '') return EMPTY_VALUE;
  let mask = 0;
  for (let d = 0; d < detectors.length; d++)
    if (detectors[d].matches(value) || detectors[d].matchesDisguised?.(value) === true) {
      mask |= 1 << d;
      if (detectors[d].strength === 'strong') break;
    }
  return mask;
}

/** Values that only pass through a gate's less obvious allowances. */
const EDGE_CASES = [
  'Eſ1234567', // passport: toUpperCase turns ſ into S
  '京ſ12345', // plate: likewise
  '1M8GDM9AXKP04278ſ', // vin: ſ becomes S, a letter the check digit weighs
  '110105\u00a019491231\u3000002X', // resident ID with non-ASCII spaces removed by [\s-]
  '110105-1949-1231-002X',
  '6222\u20020202\u20020011\u20022233\u2002446', // card with EN SPACEs
  '022-23456789转801', // landline extension after 转
  '022-23456789#801',
  '+86 (022) 23456789',
  '(022)\u300023456789',
  '+86\u00a0138\u00a01234\u00a05678', // mobile: spaces other than ' ' are refused, still reach it
  '::',
  '::ffff:1.2.3.4',
  "a!#$%&'*+/=?^_`{|}~-@example.com",
  '阿卜杜拉·买买提',
  '买买提・吐尔逊',
  '努尔．艾力', // full-width dot: folded to '.', no longer a name separator
  '京A·12345',
  '１３８１２３４５６７８',
  '\u3000１３８１２３４５６７８\u3000',
  '　',
  '\ufeff13812345678',
  '天津市河西区友谊路\u00a020\u00a0号',
];

function corpus(): string[] {
  const values = new Set<string>(EDGE_CASES);
  for (const { valid, invalid } of Object.values(detectorVectors)) {
    valid.forEach((v) => values.add(v));
    invalid.forEach(({ value }) => values.add(value));
  }
  for (const column of labelledColumns()) column.values.forEach((v) => values.add(v));
  const samples = new URL('../../../fixtures/samples/', import.meta.url);
  for (const file of readdirSync(samples).filter((f) => f.endsWith('.csv'))) {
    const table = readTable(readFileSync(new URL(file, samples))).table;
    for (const name of table.columnNames()) {
      const column = table.array(name) as ArrayLike<unknown>;
      for (let row = 0; row < column.length; row++) values.add(String(column[row] ?? ''));
    }
  }
  // Random strings over characters every gate distinguishes, and valid values with one edit.
  const alphabet = [
    ...'0123456789Xx.-@:()+#·• \t',
    'A',
    'E',
    'G',
    'Z',
    'a',
    'f',
    'ſ',
    'ı',
    '京',
    '路',
    '号',
    '张',
    '转',
    '\u00a0',
    '\u3000',
    '１',
    'Ｘ',
    '．',
    '，',
    'é',
  ];
  const rng = createRng(20261127);
  const valid = Object.values(detectorVectors).flatMap((v) => v.valid);
  for (let i = 0; i < 20_000; i++) {
    let value = '';
    const length = rng.nextInt(24);
    for (let j = 0; j < length; j++) value += alphabet[rng.nextInt(alphabet.length)];
    values.add(value);
    const base = valid[rng.nextInt(valid.length)];
    const at = rng.nextInt(base.length + 1);
    const insert = alphabet[rng.nextInt(alphabet.length)];
    values.add(base.slice(0, at) + insert + base.slice(at));
    values.add(base.slice(0, at) + insert + base.slice(at + 1));
  }
  return [...values];
}

const PUNCTUATION_CLASSES = new Map([
  ['-', DASH],
  ['.', DOT],
  ['@', AT],
  [':', COLON],
  ['(', PAREN],
  [')', PAREN],
  ['+', PLUS],
  ['#', HASH],
]);

describe('core/detect value shapes and detector gates', () => {
  const detectors = createDetectors({ todayYmd: TODAY_YMD });
  // Every detector, the contextual ones too: the gates must not change what any of them says.
  const set = { ...toDetectorSet(detectors), enabled: 2 ** detectors.length - 1 };
  const values = corpus();

  it('puts every code unit in exactly one class, agreeing with the detectors’ own tests', () => {
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      const classes = characterClasses(ch);
      const want = /\d/.test(ch)
        ? DIGIT
        : ch === 'X' || ch === 'x'
          ? LETTER_X
          : /[A-Za-z]/.test(ch)
            ? LETTER
            : /\s/.test(ch)
              ? SPACE
              : (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)
                ? HAN
                : /[·•・]/.test(ch)
                  ? MIDDLE_DOT
                  : c >= 0xff01 && c <= 0xff5e
                    ? FULL_WIDTH
                    : c >= 128
                      ? OTHER
                      : (PUNCTUATION_CLASSES.get(ch) ?? OTHER_ASCII);
      if (classes !== want || (classes & (classes - 1)) !== 0) wrong.push(c.toString(16));
      // trim removes exactly the SPACE class; toUpperCase reaches ASCII letters only from LETTER, LETTER_X or OTHER.
      if ((ch.trim() === '') !== (classes === SPACE)) wrong.push(`trim ${c.toString(16)}`);
      if (
        /[A-Z0-9]/.test(ch.toUpperCase()) &&
        (classes & (DIGIT | LETTER | LETTER_X | OTHER)) === 0
      )
        wrong.push(`upper ${c.toString(16)}`);
    }
    expect(wrong).to.deep.equal([]);
  });

  it('no gate turns away a value its detector accepts', () => {
    const wrong: string[] = [];
    let accepted = 0;
    for (const raw of values) {
      const value = toHalfWidth(raw.trim());
      for (const detector of detectors)
        if (detector.matches(value)) {
          accepted++;
          if (!isAdmitted(detector.shape, value.length, characterClasses(value)))
            wrong.push(`${detector.kind}: ${JSON.stringify(value)}`);
        }
    }
    expect(wrong).to.deep.equal([]);
    expect(accepted, 'values accepted by some detector').to.be.greaterThan(5000);
  });

  it('the edge cases reach the detectors they were written for', () => {
    const kinds = (value: string) =>
      detectors.filter((d) => d.matches(toHalfWidth(value.trim()))).map((d) => d.kind);
    expect(kinds('Eſ1234567')).to.include('cn_passport');
    expect(kinds('京ſ12345')).to.include('cn_plate');
    expect(kinds('110105\u00a019491231\u3000002X')).to.include('cn_resident_id');
    expect(kinds('6222\u20020202\u20020011\u20022233\u2002446')).to.include('bank_card');
    expect(kinds('022-23456789转801')).to.include('cn_landline');
    expect(kinds('::')).to.include('ipv6');
  });

  it('matchMask with gates equals calling every detector, on every value', () => {
    const wrong = values.filter(
      (raw) => matchMask(raw, set) !== matchMaskCallingEveryDetector(raw, detectors),
    );
    expect(wrong).to.deep.equal([]);
  });

  it('compiles one entry per length and per set of classes', () => {
    for (const length of [0, 1, 9, 15, 18, 120, 254, 255, 1000]) {
      const at = set.byLength[Math.min(length, set.longest)];
      detectors.forEach((d, index) =>
        expect((at >> index) & 1, `${d.kind} at length ${length}`).to.equal(
          length >= d.shape.minLength && length <= d.shape.maxLength ? 1 : 0,
        ),
      );
    }
    for (const classes of [
      0,
      DIGIT,
      DIGIT | LETTER,
      HAN | DIGIT,
      HAN | MIDDLE_DOT,
      AT | DOT | LETTER,
    ]) {
      const want = detectors.reduce(
        (bits, d, index) =>
          (classes & d.shape.required) === d.shape.required && (classes & ~d.shape.allowed) === 0
            ? bits | (1 << index)
            : bits,
        0,
      );
      expect(set.byClasses[classes], `classes ${classes}`).to.equal(want);
    }
  });

  it('hashValueAndClassify is hashString and characterClasses in one pass', () => {
    const classes = new Int32Array(1);
    for (const value of [
      '',
      'a',
      'MZ2024021100001',
      '天津市河西区友谊路20号',
      '１３８ 1234',
      '\ud83d\ude00·x',
    ]) {
      expect(hashValueAndClassify(value, classes), value).to.equal(hashString(value));
      expect(classes[0], value).to.equal(characterClasses(value));
    }
  });
});
