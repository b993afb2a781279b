import { expect } from 'chai';
import {
  ColumnTypeAccumulator,
  TYPE_PATTERNS,
  type ColumnType,
} from '../../../src/core/detect/infer-type.js';
import { createRng } from '../../../src/core/rng.js';

/** The type inference with every value through the regular expressions (before numeralShape). */
function inferWithRegexesOnly(values: readonly string[]): ColumnType {
  const { INTEGER, NUMBER, DATE, DATETIME, LEADING_ZERO, BOOLEAN } = TYPE_PATTERNS;
  const present = values.filter((v) => v !== '');
  if (present.length === 0) return 'empty';
  if (present.some((v) => LEADING_ZERO.test(v))) return 'string';
  if (present.every((v) => INTEGER.test(v))) return 'integer';
  if (present.every((v) => NUMBER.test(v))) return 'number';
  if (present.every((v) => BOOLEAN.test(v))) return 'boolean';
  if (present.every((v) => DATE.test(v))) return 'date';
  if (present.every((v) => DATETIME.test(v))) return 'datetime';
  return 'string';
}

function infer(values: readonly string[]): ColumnType {
  const types = new ColumnTypeAccumulator();
  values.forEach((v) => types.add(v));
  return types.result();
}

describe('core/detect ColumnTypeAccumulator', () => {
  const cases: { desc: string; input: string[]; want: ColumnType }[] = [
    { desc: 'signed integers', input: ['+1', '-20', '0'], want: 'integer' },
    { desc: 'a leading zero after a sign is a code', input: ['-01'], want: 'string' },
    {
      desc: 'decimals with a leading zero digit are numbers',
      input: ['0.5', '-0.25'],
      want: 'number',
    },
    { desc: 'a trailing or leading point', input: ['5.', '.5', '+.5'], want: 'number' },
    { desc: 'a lone sign or point', input: ['-'], want: 'string' },
    { desc: 'a lone point', input: ['.'], want: 'string' },
    { desc: 'an exponent goes through the expressions', input: ['1e5', '2'], want: 'number' },
    { desc: 'a date then a number', input: ['2023-07-14', '12'], want: 'string' },
    { desc: 'two decimal points', input: ['1.2.3'], want: 'string' },
    { desc: 'eleven-digit phone numbers', input: ['13812345678', '17644618319'], want: 'integer' },
    {
      desc: 'an ID with a check X',
      input: ['110105194912310021', '11010519491231002X'],
      want: 'string',
    },
  ];
  for (const { desc, input, want } of cases)
    it(desc, () => {
      expect(infer(input)).to.equal(want);
      expect(inferWithRegexesOnly(input)).to.equal(want);
    });

  it('agrees with the regular expressions alone on random values and columns', () => {
    const rng = createRng(42);
    const alphabet = [...'0000123456789+-.eE:/ TZtrueFALS', 'x', '１'];
    const randomValue = (): string => {
      let value = '';
      const length = rng.nextInt(9);
      for (let i = 0; i < length; i++) value += alphabet[rng.nextInt(alphabet.length)];
      return value;
    };
    const shaped = [
      '0',
      '7',
      '-3',
      '+42',
      '007',
      '3.14',
      '-0.5',
      '.5',
      '5.',
      '1e3',
      '2024-01-02',
      'true',
    ];
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const column = Array.from({ length: 1 + rng.nextInt(3) }, () =>
        rng.nextInt(2) === 0 ? randomValue() : shaped[rng.nextInt(shaped.length)],
      );
      if (infer(column) !== inferWithRegexesOnly(column)) wrong.push(JSON.stringify(column));
    }
    expect(wrong).to.deep.equal([]);
  });
});
