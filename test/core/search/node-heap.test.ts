// NodeHeap against a naive oracle: a plain array scanned for its first element in `precedes`
// order, under random pushes and pops with many equal keys and level sums (the tie-breaks).
import { expect } from 'chai';
import { createRng } from '../../../src/core/rng.js';
import { NodeHeap, precedes } from '../../../src/core/search/node-heap.js';

/** The naive queue: the first pair is found by scanning every pair. */
class NaiveQueue {
  private readonly pairs: { node: number; key: number }[] = [];
  constructor(private readonly levelSums: Int32Array) {}
  get size(): number {
    return this.pairs.length;
  }
  push(node: number, key: number): void {
    this.pairs.push({ node, key });
  }
  private firstIndex(): number {
    let first = 0;
    for (let i = 1; i < this.pairs.length; i++) {
      const [a, b] = [this.pairs[i], this.pairs[first]];
      if (precedes(this.levelSums, a.node, a.key, b.node, b.key)) first = i;
    }
    return first;
  }
  top(): { node: number; key: number } {
    return this.pairs[this.firstIndex()];
  }
  pop(): void {
    this.pairs.splice(this.firstIndex(), 1);
  }
}

describe('core/search/node-heap', () => {
  it('precedes: key first, then level sum, then index', () => {
    const sums = Int32Array.from([3, 1, 1, 0]);
    expect(precedes(sums, 0, 1, 3, 2)).to.equal(true); // smaller key wins whatever the sum
    expect(precedes(sums, 3, 2, 0, 1)).to.equal(false);
    expect(precedes(sums, 1, 5, 0, 5)).to.equal(true); // equal keys: smaller level sum
    expect(precedes(sums, 1, 5, 2, 5)).to.equal(true); // equal sums: smaller index
    expect(precedes(sums, 2, 5, 1, 5)).to.equal(false);
    expect(precedes(sums, 1, 5, 1, 5)).to.equal(false); // strict: a pair does not precede itself
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: gives the oracle's first pair after every push and pop`, () => {
      const rng = createRng(seed);
      const nodeCount = 1 + rng.nextInt(300);
      // Few distinct sums and keys, so most comparisons fall through to the tie-breaks.
      const sums = Int32Array.from({ length: nodeCount }, () => rng.nextInt(4));
      const capacity = 2000;
      const heap = new NodeHeap(capacity, sums);
      const oracle = new NaiveQueue(sums);
      for (let step = 0; step < 4000; step++) {
        if (oracle.size < capacity && (oracle.size === 0 || rng.next() < 0.55)) {
          const node = rng.nextInt(nodeCount);
          const key = rng.nextInt(6) / 2;
          heap.push(node, key);
          oracle.push(node, key);
        } else {
          heap.pop();
          oracle.pop();
        }
        expect(heap.size).to.equal(oracle.size);
        if (oracle.size > 0)
          expect([heap.topNode(), heap.topKey()], `step ${step}`).to.deep.equal([
            oracle.top().node,
            oracle.top().key,
          ]);
      }
    });
  }

  it('drains in precedes order', () => {
    const sums = Int32Array.from([2, 0, 1, 1, 0]);
    const heap = new NodeHeap(5, sums);
    for (const [node, key] of [
      [0, 1],
      [1, 1],
      [2, 0.5],
      [3, 1],
      [4, 2],
    ])
      heap.push(node, key);
    const drained: number[] = [];
    while (heap.size > 0) {
      drained.push(heap.topNode());
      heap.pop();
    }
    expect(drained).to.deep.equal([2, 1, 3, 0, 4]);
  });
});
