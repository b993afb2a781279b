import { expect } from 'chai';
import { canonicalJson } from '../../src/core/canonical-json.js';

describe('core/canonical-json', () => {
  const cases: { desc: string; input: unknown; want: string }[] = [
    {
      desc: 'sorts keys by UTF-16 code units',
      input: { b: 1, a: 2, B: 3 },
      want: '{"B":3,"a":2,"b":1}',
    },
    {
      desc: 'nests sorting',
      input: { z: { y: [1, { b: 2, a: 1 }] } },
      want: '{"z":{"y":[1,{"a":1,"b":2}]}}',
    },
    { desc: 'drops undefined members', input: { a: undefined, b: null }, want: '{"b":null}' },
    {
      desc: 'serializes numbers as ECMAScript does',
      input: [1e21, 0.1, -0, 5e-7],
      want: '[1e+21,0.1,0,5e-7]',
    },
    { desc: 'escapes strings minimally', input: 'é\u0001"', want: '"é\\u0001\\""' },
  ];
  for (const { desc, input, want } of cases) {
    it(desc, () => expect(canonicalJson(input)).to.equal(want));
  }

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ a: Number.NaN })).to.throw(TypeError);
  });
});
