// ClassCache picks the smallest cached classes that roll up to a node (else the input), and evicts
// the least recently used ones past its budget, never the last one.
import { expect } from 'chai';
import { createRng } from '../../../src/core/rng.js';
import { ClassCache } from '../../../src/core/search/class-cache.js';
import type { ClassEntries, NodeClasses } from '../../../src/core/search/node-classes.js';

/** Classes of a node at `levels` with `entryCount` entries over two attributes, no sensitive. */
function classesAt(levels: number[], entryCount: number): NodeClasses {
  return {
    levels: Int32Array.from(levels),
    entryCount,
    codes: [new Int32Array(entryCount), new Int32Array(entryCount)],
    sensitive: null,
    counts: new Int32Array(entryCount),
    classOfEntry: new Int32Array(entryCount),
    classCount: entryCount,
    classSizes: new Int32Array(entryCount),
  };
}

/** Integers ClassCache counts for classesAt(…, entryCount): 2 code columns + 3 arrays. */
const intsOf = (entryCount: number) => entryCount * 5;

const input: ClassEntries = classesAt([0, 0], 100);
const at = (...levels: number[]) => Int32Array.from(levels);

describe('core/search/class-cache', () => {
  it('an empty cache answers with the input', () => {
    const cache = new ClassCache(input);
    expect(cache.findSource(at(2, 1))).to.equal(input);
    expect(cache.sourceSize(at(2, 1))).to.equal(100);
  });

  it('the smallest cached node at or below the levels in every attribute', () => {
    const cache = new ClassCache(input);
    const low = classesAt([1, 0], 60);
    const smaller = classesAt([1, 1], 30);
    const notBelow = classesAt([0, 2], 10); // attribute 1 above the asked level 1
    for (const classes of [low, smaller, notBelow]) cache.remember(classes);
    expect(cache.findSource(at(2, 1))).to.equal(smaller);
    expect(cache.findSource(at(1, 0))).to.equal(low);
    expect(cache.findSource(at(0, 2))).to.equal(notBelow);
    expect(cache.findSource(at(0, 1))).to.equal(input);
  });

  it('never answers with classes larger than the input', () => {
    const cache = new ClassCache(input);
    cache.remember(classesAt([1, 1], 100));
    expect(cache.findSource(at(1, 1))).to.equal(input);
  });

  it('sourceSize is the entry count of what findSource picks, on random caches', () => {
    const rng = createRng(7);
    for (let round = 0; round < 50; round++) {
      const cache = new ClassCache(input);
      for (let i = 0; i < 8; i++)
        cache.remember(classesAt([rng.nextInt(4), rng.nextInt(4)], 1 + rng.nextInt(120)));
      for (let a = 0; a < 4; a++)
        for (let b = 0; b < 4; b++)
          expect(cache.sourceSize(at(a, b))).to.equal(cache.findSource(at(a, b)).entryCount);
    }
  });

  it('evicts the least recently used past its budget; a use counts as recent', () => {
    const cache = new ClassCache(input, intsOf(30));
    const first = classesAt([1, 0], 10);
    const second = classesAt([0, 1], 10);
    const third = classesAt([1, 1], 10);
    cache.remember(first);
    cache.remember(second);
    cache.remember(third);
    expect(cache.size).to.equal(3);
    expect(cache.findSource(at(1, 0))).to.equal(first); // first is now more recent than second
    cache.remember(classesAt([2, 2], 10));
    expect(cache.size).to.equal(3);
    expect(cache.findSource(at(0, 1))).to.equal(input); // second was evicted
    expect(cache.findSource(at(1, 0))).to.equal(first);
  });

  it('keeps the last classes even when they alone pass the budget', () => {
    const cache = new ClassCache(input, intsOf(5));
    cache.remember(classesAt([1, 0], 10));
    const big = classesAt([1, 1], 50);
    cache.remember(big);
    expect(cache.size).to.equal(1);
    expect(cache.findSource(at(1, 1))).to.equal(big);
  });
});
