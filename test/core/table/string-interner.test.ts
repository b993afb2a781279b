import { expect } from 'chai';
import { createRng } from '../../../src/core/rng.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';
import { StringInterner } from '../../../src/core/table/string-interner.js';

describe('core/table StringInterner', () => {
  it('assigns codes in order of first appearance, like a Map reference, through many growths', () => {
    const rng = createRng(5);
    const interner = new StringInterner();
    const reference = new Map<string, number>();
    const alphabet = ['', 'a', 'b', '张', '伟', '１', '\uD83D\uDE00', ' ', '0'];
    for (let i = 0; i < 50_000; i++) {
      let value = '';
      const length = rng.nextInt(6);
      for (let j = 0; j < length; j++) value += alphabet[rng.nextInt(alphabet.length)];
      if (!reference.has(value)) reference.set(value, reference.size);
      expect(interner.intern(value)).to.equal(reference.get(value));
    }
    expect(interner.size).to.equal(reference.size);
    expect(interner.dictionary).to.deep.equal([...reference.keys()]);
  });

  it('tells apart values whose hashes collide', () => {
    // FNV-1a collisions are found by brute force over short strings; keep the pair that collides.
    const hash = (value: string): number => {
      let h = 0x811c9dc5 | 0;
      for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
      return h;
    };
    const rng = createRng(9);
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; i < 400_000 && !pair; i++) {
      const value = `${rng.nextInt(2 ** 30).toString(36)}-${rng.nextInt(2 ** 30).toString(36)}`;
      const other = seen.get(hash(value));
      if (other !== undefined) pair = [other, value];
      else seen.set(hash(value), value);
    }
    expect(pair, 'a colliding pair').to.not.equal(undefined);
    const interner = new StringInterner(1);
    expect([pair![0], pair![1], pair![0], pair![1]].map((v) => interner.intern(v))).to.deep.equal([
      0, 1, 0, 1,
    ]);
  });

  it('encodes a near-unique column like a Map reference', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => (i % 97 === 0 ? 'dup' : `id-${i}`));
    const column = encodeColumn('id', values);
    const reference = new Map<string, number>();
    values.forEach((v) => reference.set(v, reference.get(v) ?? reference.size));
    expect(column.dictionary).to.deep.equal([...reference.keys()]);
    expect(Array.from(column.codes)).to.deep.equal(values.map((v) => reference.get(v)));
  });

  for (const rangeLookups of [false, true])
    it(`interns ranges of a text like their substrings, copying each new value once (rangeLookups ${rangeLookups})`, () => {
      const rng = createRng(11);
      const words = ['', '张', '张三', 'abc', 'ab', '１２', 'abcdefghijklmnop', '张三丰'];
      const text = Array.from({ length: 5000 }, () => words[rng.nextInt(words.length)]).join(',');
      const byRange = new StringInterner(8, Infinity, { rangeLookups });
      const bySubstring = new StringInterner();
      const copies: string[] = [];
      let field = 0;
      for (let start = 0; start <= text.length; field++) {
        let end = text.indexOf(',', start);
        if (end === -1) end = text.length;
        // Every seventh value arrives as a string (a quoted CSV field), the rest as ranges.
        const code =
          field % 7 === 0
            ? byRange.intern(text.slice(start, end))
            : byRange.internRange(text, start, end, (t, s, e) => {
                copies.push(t.slice(s, e));
                return t.slice(s, e);
              });
        expect(code).to.equal(bySubstring.intern(text.slice(start, end)));
        start = end + 1;
      }
      expect(byRange.dictionary).to.deep.equal(bySubstring.dictionary);
      expect(new Set(copies).size).to.equal(copies.length);
    });

  it('with a maxSize, assigns codes until full, then only finds (−1 for a new value)', () => {
    const interner = new StringInterner(8, 3);
    expect(['b', 'a', 'b', '', 'c', 'a', 'c', ''].map((v) => interner.intern(v))).to.deep.equal([
      0, 1, 0, 2, -1, 1, -1, 2,
    ]);
    expect(interner.dictionary).to.deep.equal(['b', 'a', '']);
    expect(new StringInterner(8, 0).intern('a')).to.equal(-1);
  });

  it('internHashed tells apart values given equal hashes', () => {
    const interner = new StringInterner(8, 4);
    const codes = ['x', 'y', 'x', 'z', 'y', 'w', 'v'].map((v) => interner.internHashed(v, 5));
    expect(codes).to.deep.equal([0, 1, 0, 2, 1, 3, -1]);
  });
});
