// The full-domain generalization lattice: one node per vector of levels, indexed in mixed radix.
//
//            (2,1)                 a node is one level per quasi-identifier; an edge raises one
//           /     \                level by one. Index = Σ level_j · stride_j with QI 0 the most
//       (2,0)     (1,1)            significant digit, so comparing indices compares level vectors
//           \     /    \           lexicographically (the last tie-break of the search).
//            (1,0)     (0,1)
//                \     /
//                 (0,0)
import { SearchError } from './search-error.js';

export interface GeneralizationLattice {
  readonly heights: Int32Array;
  readonly strides: Float64Array;
  readonly size: number;
  /** Σ levels of each node (its height in the lattice). */
  readonly levelSums: Int32Array;
}

/** Requires every height >= 1; refuses lattices above `maxSize` nodes (`search_lattice_too_large`). */
export function createLattice(heights: Int32Array, maxSize: number): GeneralizationLattice {
  let size = 1;
  for (const height of heights) size *= height;
  if (size > maxSize)
    throw new SearchError(
      'search_lattice_too_large',
      `the lattice has ${size} nodes, above the limit of ${maxSize}`,
      {
        details: { got: size, want: maxSize },
      },
    );
  const strides = new Float64Array(heights.length);
  let stride = 1;
  for (let j = heights.length - 1; j >= 0; j--) {
    strides[j] = stride;
    stride *= heights[j];
  }
  const levelSums = new Int32Array(size);
  for (let node = 0; node < size; node++) {
    let sum = 0;
    for (let j = 0; j < heights.length; j++) sum += Math.floor(node / strides[j]) % heights[j];
    levelSums[node] = sum;
  }
  return { heights, strides, size, levelSums };
}

/** Writes the levels of `node` into `out` (length = attributes) and returns it. */
export function levelsOf(
  lattice: GeneralizationLattice,
  node: number,
  out: Int32Array,
): Int32Array {
  const { heights, strides } = lattice;
  for (let j = 0; j < heights.length; j++) out[j] = Math.floor(node / strides[j]) % heights[j];
  return out;
}

/** The node index of a level vector; requires 0 <= levels[j] < heights[j]. */
export function nodeOf(lattice: GeneralizationLattice, levels: ArrayLike<number>): number {
  let node = 0;
  for (let j = 0; j < lattice.heights.length; j++) node += levels[j] * lattice.strides[j];
  return node;
}
