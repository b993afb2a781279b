// The lattice search's queue of nodes whose lower bound rose after they were ordered: a binary
// min-heap over typed arrays, ordered like the search takes candidates (see `precedes`).

/**
 * The order the search takes candidates in: smaller key (lower bound) first, then smaller level
 * sum (less generalization), then smaller index (lexicographically smaller levels).
 */
export function precedes(
  levelSums: Int32Array,
  a: number,
  keyA: number,
  b: number,
  keyB: number,
): boolean {
  if (keyA !== keyB) return keyA < keyB;
  return levelSums[a] !== levelSums[b] ? levelSums[a] < levelSums[b] : a < b;
}

/** A min-heap of (node, key) pairs in `precedes` order, holding at most `capacity` pairs. */
export class NodeHeap {
  private readonly nodes: Int32Array;
  private readonly keys: Float64Array;
  private count = 0;

  constructor(
    capacity: number,
    private readonly levelSums: Int32Array,
  ) {
    this.nodes = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The first node; only meaningful when `size > 0`. */
  topNode(): number {
    return this.nodes[0];
  }

  /** The first node's key; only meaningful when `size > 0`. */
  topKey(): number {
    return this.keys[0];
  }

  push(node: number, key: number): void {
    const nodes = this.nodes;
    const keys = this.keys;
    let i = this.count++;
    nodes[i] = node;
    keys[i] = key;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!precedes(this.levelSums, nodes[i], keys[i], nodes[parent], keys[parent])) return;
      [nodes[i], nodes[parent]] = [nodes[parent], nodes[i]];
      [keys[i], keys[parent]] = [keys[parent], keys[i]];
      i = parent;
    }
  }

  /** Removes the first pair; requires `size > 0`. */
  pop(): void {
    this.count--;
    this.nodes[0] = this.nodes[this.count];
    this.keys[0] = this.keys[this.count];
    this.siftDown(0);
  }

  private siftDown(start: number): void {
    const nodes = this.nodes;
    const keys = this.keys;
    const sums = this.levelSums;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) return;
      let child = left;
      const right = left + 1;
      if (right < this.count && precedes(sums, nodes[right], keys[right], nodes[left], keys[left]))
        child = right;
      if (!precedes(sums, nodes[child], keys[child], nodes[i], keys[i])) return;
      [nodes[i], nodes[child]] = [nodes[child], nodes[i]];
      [keys[i], keys[child]] = [keys[child], keys[i]];
      i = child;
    }
  }
}
