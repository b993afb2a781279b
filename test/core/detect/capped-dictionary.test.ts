import { expect } from 'chai';
import {
  CappedDictionary,
  hashValue,
  hashValueAndClassify,
} from '../../../src/core/detect/capped-dictionary.js';
import { characterClasses } from '../../../src/core/detect/value-shape.js';

describe('core/detect CappedDictionary', () => {
  it('assigns codes in order of first appearance until full, then only finds', () => {
    const dictionary = new CappedDictionary(3);
    const codeOf = (value: string) => dictionary.codeOf(value, hashValue(value));
    expect(['b', 'a', 'b', '', 'c', 'a', 'c', ''].map(codeOf)).to.deep.equal([
      0, 1, 0, 2, -1, 1, -1, 2,
    ]);
    expect(dictionary.values).to.deep.equal(['b', 'a', '']);
  });

  it('tells apart values whose hashes are equal', () => {
    const dictionary = new CappedDictionary(4);
    const codes = ['x', 'y', 'x', 'z', 'y', 'w', 'v'].map((v) => dictionary.codeOf(v, 5));
    expect(codes).to.deep.equal([0, 1, 0, 2, 1, 3, -1]);
  });

  it('holds nothing at capacity 0', () => {
    const dictionary = new CappedDictionary(0);
    expect(dictionary.codeOf('a', hashValue('a'))).to.equal(-1);
    expect(dictionary.size).to.equal(0);
  });

  it('hashValueAndClassify is hashValue and characterClasses in one pass', () => {
    const classes = new Int32Array(1);
    for (const value of [
      '',
      'a',
      'MZ2024021100001',
      '天津市河西区友谊路20号',
      '１３８ 1234',
      '\ud83d\ude00·x',
    ]) {
      expect(hashValueAndClassify(value, classes), value).to.equal(hashValue(value));
      expect(classes[0], value).to.equal(characterClasses(value));
    }
  });
});
