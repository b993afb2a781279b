import { expect } from 'chai';
import { nameProblem, nameSchema } from '../../src/core/names.js';

describe('core/names', () => {
  const accepted = ['天津地铁客流 2025', 'Wang Li', 'O’Brien & Söhne', 'ETL key (prod)', 'عربي'];
  for (const name of accepted) {
    it(`accepts ${JSON.stringify(name)}`, () => {
      expect(nameProblem(name)).to.equal(undefined);
    });
  }

  const refused: [string, string, RegExp][] = [
    ['empty', '', /empty/],
    ['NUL', 'visits\u0000.csv', /control/],
    ['a line break', 'two\nlines', /control/],
    ['a right-to-left override', '\u202egnp.exe', /bidirectional/],
    ['a left-to-right isolate', 'a\u2066b', /bidirectional/],
    ['a right-to-left mark', 'a\u200fb', /bidirectional/],
    ['only zero-width characters', '\u200b\u200c\u200d\ufeff', /visible/],
    ['only spaces of other kinds', '\u3000\u00a0', /visible/],
    ['201 characters', 'x'.repeat(201), /at most 200/],
  ];
  for (const [desc, name, reason] of refused) {
    it(`refuses ${desc}`, () => {
      expect(nameProblem(name)).to.match(reason);
    });
  }

  it('trims in the schema and reports the problem as the issue message', () => {
    expect(nameSchema().parse('  Wang Li ')).to.equal('Wang Li');
    const parsed = nameSchema(50).safeParse('\u202egnp.exe');
    expect(parsed.success).to.equal(false);
    expect(parsed.error?.issues[0].message).to.match(/bidirectional/);
    expect(nameSchema(5).safeParse('abcdef').success).to.equal(false);
  });
});
