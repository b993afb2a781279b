import { expect } from 'chai';
import { ownedSlice, ownedString } from '../../../src/core/table/owned-string.js';

describe('core/table ownedSlice', () => {
  it('returns exactly the substring, on both sides of the 13-character view threshold', () => {
    const text = `ab,${'天津市河西区友谊路20号'.repeat(3)},𠀋é,${'x'.repeat(12)},${'y'.repeat(13)}`;
    for (let start = 0; start < text.length; start += 3)
      for (let end = start; end <= text.length; end += 5)
        expect(ownedSlice(text, start, end)).to.equal(text.slice(start, end));
    expect(ownedSlice(text, 4, 4)).to.equal('');
  });

  it('ownedString copies a value of any length with the same content', () => {
    for (const value of ['', 'a', 'x'.repeat(12), 'y'.repeat(13), '张三'.repeat(20)])
      expect(ownedString(value)).to.equal(value);
  });
});
