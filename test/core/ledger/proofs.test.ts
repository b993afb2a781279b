// Merkle hashing, roots and proofs against published known answers, the naive tree and mutations.
import { expect } from 'chai';
import {
  CompactRange,
  LedgerError,
  MapSubtreeHashSource,
  consistencyProof,
  inclusionProof,
  nodesNeededForConsistencyProof,
  nodesNeededForInclusionProof,
  rfc9162Hasher as hasher,
  rootFromInclusionProof,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type FinishedSubtree,
} from '../../../src/core/ledger/index.js';
import {
  consistencyVectors,
  hasherVectors,
  inclusionVectors,
  leavesHex,
  rootsHex,
} from './known-answers.js';
import {
  referenceConsistencyProof,
  referenceInclusionProof,
  referenceRoot,
} from './reference-tree.js';

const fromHex = (hex: string): Uint8Array => Buffer.from(hex, 'hex');
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const leaves = leavesHex.map(fromHex);
const leafHashes = leaves.map((leaf) => hasher.hashLeaf(leaf));

/** Builds a source holding every complete subtree of a log, the way the sequencer stores them. */
function sourceFor(hashes: readonly Uint8Array[]): MapSubtreeHashSource {
  const source = new MapSubtreeHashSource();
  const range = new CompactRange(hasher);
  hashes.forEach((hash, index) => {
    source.set({ level: 0, index }, hash);
    range.append(hash).forEach((node: FinishedSubtree) => source.set(node, node.hash));
  });
  return source;
}

function expectLedgerError(fn: () => unknown, code: string): LedgerError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(LedgerError);
    expect((error as LedgerError).code).to.equal(code);
    return error as LedgerError;
  }
  throw new Error(`expected LedgerError ${code}, nothing was thrown`);
}

describe('core/ledger hashing (RFC 9162 §2.1.1)', () => {
  it('hashes the empty leaf, a leaf and a node to the rfc6962_test.go answers', () => {
    expect(toHex(hasher.hashLeaf(new Uint8Array()))).to.equal(hasherVectors.emptyLeafHex);
    expect(toHex(hasher.hashLeaf(Buffer.from('L123456')))).to.equal(hasherVectors.leafL123456Hex);
    expect(toHex(hasher.hashChildren(Buffer.from('N123'), Buffer.from('N456')))).to.equal(
      hasherVectors.nodeN123N456Hex,
    );
  });

  it('never hashes a node like the leaf of its children (second preimage)', () => {
    const node = hasher.hashChildren(leafHashes[0], leafHashes[1]);
    expect(toHex(hasher.hashLeaf(Buffer.concat([leafHashes[0], leafHashes[1]])))).to.not.equal(
      toHex(node),
    );
  });
});

describe('core/ledger roots', () => {
  rootsHex.forEach((want, size) => {
    it(`root of ${size} standard leaves is the published ${want.slice(0, 8)}…`, () => {
      expect(toHex(rootFromLeafHashes(hasher, leafHashes.slice(0, size)))).to.equal(want);
      expect(toHex(referenceRoot(leaves.slice(0, size)))).to.equal(want);
    });
  });

  it('agrees with the naive recursive tree for every size up to 70', () => {
    const many = Array.from({ length: 70 }, (_, i) => Buffer.from(`leaf-${i}`));
    const range = new CompactRange(hasher);
    many.forEach((leaf, i) => {
      range.append(hasher.hashLeaf(leaf));
      expect(toHex(range.root()), `size ${i + 1}`).to.equal(
        toHex(referenceRoot(many.slice(0, i + 1))),
      );
    });
  });
});

describe('core/ledger inclusion proofs (RFC 9162 §2.1.3)', () => {
  const source = sourceFor(leafHashes);
  for (const vector of inclusionVectors) {
    it(`generates and verifies the published proof of leaf ${vector.leafIndex} in ${vector.treeSize}`, () => {
      const proof = inclusionProof(vector.leafIndex, vector.treeSize, source, hasher);
      expect(proof.map(toHex)).to.deep.equal(vector.proofHex);
      const root = fromHex(rootsHex[vector.treeSize]);
      verifyInclusion(
        hasher,
        vector.leafIndex,
        vector.treeSize,
        leafHashes[vector.leafIndex],
        proof,
        root,
      );
    });
  }

  it('matches the naive PATH for every leaf of every tree up to 40 leaves', () => {
    const many = Array.from({ length: 40 }, (_, i) => Buffer.from(`leaf-${i}`));
    const manySource = sourceFor(many.map((leaf) => hasher.hashLeaf(leaf)));
    for (let size = 1; size <= many.length; size++) {
      const root = referenceRoot(many.slice(0, size));
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, manySource, hasher);
        expect(proof.map(toHex)).to.deep.equal(
          referenceInclusionProof(index, many.slice(0, size)).map(toHex),
        );
        verifyInclusion(hasher, index, size, hasher.hashLeaf(many[index]), proof, root);
      }
    }
    expect(nodesNeededForInclusionProof(0, 1 << 20)).to.have.length(20);
  });

  // Mutations after transparency-dev/merkle's corruptInclusionProof: each must fail to verify.
  const leafIndex = 5;
  const treeSize = 8;
  const proof = inclusionVectors[2].proofHex.map(fromHex);
  const root = fromHex(rootsHex[8]);
  const someHash = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');
  const flipped = (position: number) =>
    proof.map((hash, i) =>
      i === position ? Uint8Array.from(hash, (b, j) => (j === 0 ? b ^ 8 : b)) : hash,
    );
  const mutations: {
    desc: string;
    index: number;
    size: number;
    leaf: Uint8Array;
    proof: Uint8Array[];
    root: Uint8Array;
    code: string;
  }[] = [
    {
      desc: 'leaf-index-minus-1',
      index: leafIndex - 1,
      size: treeSize,
      leaf: leafHashes[5],
      proof,
      root,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'leaf-index-plus-1',
      index: leafIndex + 1,
      size: treeSize,
      leaf: leafHashes[5],
      proof,
      root,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'leaf-index-xor-2',
      index: leafIndex ^ 2,
      size: treeSize,
      leaf: leafHashes[5],
      proof,
      root,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'tree-size-doubled',
      index: leafIndex,
      size: treeSize * 2,
      leaf: leafHashes[5],
      proof,
      root,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'tree-size-halved',
      index: leafIndex,
      size: treeSize / 2,
      leaf: leafHashes[5],
      proof,
      root,
      code: 'ledger_index_out_of_range',
    },
    {
      desc: 'wrong-leaf',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[4],
      proof,
      root,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'short-leaf-hash',
      index: leafIndex,
      size: treeSize,
      leaf: Buffer.from('WrongLeaf'),
      proof,
      root,
      code: 'ledger_invalid_hash_size',
    },
    {
      desc: 'empty-root',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[5],
      proof,
      root: fromHex(rootsHex[0]),
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'random-root',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[5],
      proof,
      root: someHash,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'trailing-garbage',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[5],
      proof: [...proof, new Uint8Array()],
      root,
      code: 'ledger_invalid_hash_size',
    },
    {
      desc: 'trailing-root',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[5],
      proof: [...proof, root],
      root,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'preceding-garbage',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[5],
      proof: [new Uint8Array(), ...proof],
      root,
      code: 'ledger_invalid_hash_size',
    },
    {
      desc: 'preceding-root',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[5],
      proof: [root, ...proof],
      root,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'modified-proof-0-bit-3',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[5],
      proof: flipped(0),
      root,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'modified-proof-1-bit-3',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[5],
      proof: flipped(1),
      root,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'modified-proof-2-bit-3',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[5],
      proof: flipped(2),
      root,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'removed-component',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[5],
      proof: proof.slice(0, 2),
      root,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'inserted-component',
      index: leafIndex,
      size: treeSize,
      leaf: leafHashes[5],
      proof: [proof[0], someHash, ...proof.slice(1)],
      root,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'index-equals-size',
      index: 1,
      size: 1,
      leaf: leafHashes[0],
      proof: [],
      root: fromHex(rootsHex[1]),
      code: 'ledger_index_out_of_range',
    },
  ];
  for (const m of mutations) {
    it(`rejects ${m.desc} with ${m.code}`, () => {
      expectLedgerError(
        () => verifyInclusion(hasher, m.index, m.size, m.leaf, m.proof, m.root),
        m.code,
      );
    });
  }

  it('carries both roots in a mismatch', () => {
    const error = expectLedgerError(
      () => verifyInclusion(hasher, leafIndex, treeSize, leafHashes[5], proof, someHash),
      'ledger_root_mismatch',
    );
    expect(error.details).to.include({
      expectedRoot: toHex(someHash),
      calculatedRoot: toHex(root),
    });
    expect(
      toHex(rootFromInclusionProof(hasher, leafIndex, treeSize, leafHashes[5], proof)),
    ).to.equal(toHex(root));
  });
});

describe('core/ledger consistency proofs (RFC 9162 §2.1.4)', () => {
  const source = sourceFor(leafHashes);
  for (const vector of consistencyVectors) {
    it(`generates and verifies the published proof from ${vector.firstSize} to ${vector.secondSize}`, () => {
      const proof = consistencyProof(vector.firstSize, vector.secondSize, source, hasher);
      expect(proof.map(toHex)).to.deep.equal(vector.proofHex);
      verifyConsistency(
        hasher,
        vector.firstSize,
        vector.secondSize,
        proof,
        fromHex(rootsHex[vector.firstSize]),
        fromHex(rootsHex[vector.secondSize]),
      );
    });
  }

  it('matches the naive PROOF for every pair of sizes up to 40', () => {
    const many = Array.from({ length: 40 }, (_, i) => Buffer.from(`leaf-${i}`));
    const manySource = sourceFor(many.map((leaf) => hasher.hashLeaf(leaf)));
    for (let second = 1; second <= many.length; second++) {
      const secondRoot = referenceRoot(many.slice(0, second));
      for (let first = 1; first <= second; first++) {
        const proof = consistencyProof(first, second, manySource, hasher);
        expect(proof.map(toHex)).to.deep.equal(
          referenceConsistencyProof(first, many.slice(0, second)).map(toHex),
        );
        verifyConsistency(
          hasher,
          first,
          second,
          proof,
          referenceRoot(many.slice(0, first)),
          secondRoot,
        );
      }
    }
    expect(nodesNeededForConsistencyProof(3, 1 << 20).length).to.be.below(45);
  });

  const proof = consistencyVectors[2].proofHex.map(fromHex);
  const root6 = fromHex(rootsHex[6]);
  const root8 = fromHex(rootsHex[8]);
  const flipped = (position: number) =>
    proof.map((hash, i) =>
      i === position ? Uint8Array.from(hash, (b, j) => (j === 0 ? b ^ 16 : b)) : hash,
    );
  const mutations: {
    desc: string;
    first: number;
    second: number;
    proof: Uint8Array[];
    firstRoot: Uint8Array;
    secondRoot: Uint8Array;
    code: string;
  }[] = [
    {
      desc: 'first-size-minus-1',
      first: 5,
      second: 8,
      proof,
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'first-size-plus-1',
      first: 7,
      second: 8,
      proof,
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'first-size-xor-2',
      first: 4,
      second: 8,
      proof,
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'second-size-doubled',
      first: 6,
      second: 16,
      proof,
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'second-size-halved',
      first: 6,
      second: 4,
      proof,
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_index_out_of_range',
    },
    {
      desc: 'wrong-first-root',
      first: 6,
      second: 8,
      proof,
      firstRoot: fromHex(rootsHex[5]),
      secondRoot: root8,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'wrong-second-root',
      first: 6,
      second: 8,
      proof,
      firstRoot: root6,
      secondRoot: fromHex(rootsHex[7]),
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'short-root',
      first: 6,
      second: 8,
      proof,
      firstRoot: Buffer.from('WrongRoot'),
      secondRoot: root8,
      code: 'ledger_invalid_hash_size',
    },
    {
      desc: 'swapped-roots',
      first: 6,
      second: 8,
      proof,
      firstRoot: root8,
      secondRoot: root6,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'empty-proof',
      first: 6,
      second: 8,
      proof: [],
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'trailing-garbage',
      first: 6,
      second: 8,
      proof: [...proof, new Uint8Array()],
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_invalid_hash_size',
    },
    {
      desc: 'trailing-root1',
      first: 6,
      second: 8,
      proof: [...proof, root6],
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'preceding-root2',
      first: 6,
      second: 8,
      proof: [root8, ...proof],
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'preceding-proof-0',
      first: 6,
      second: 8,
      proof: [proof[0], ...proof],
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'truncated-proof',
      first: 6,
      second: 8,
      proof: proof.slice(0, 2),
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_invalid_proof_size',
    },
    {
      desc: 'modified-proof-0-bit-4',
      first: 6,
      second: 8,
      proof: flipped(0),
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'modified-proof-1-bit-4',
      first: 6,
      second: 8,
      proof: flipped(1),
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'modified-proof-2-bit-4',
      first: 6,
      second: 8,
      proof: flipped(2),
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'from-empty-tree',
      first: 0,
      second: 8,
      proof: [],
      firstRoot: fromHex(rootsHex[0]),
      secondRoot: root8,
      code: 'ledger_consistency_from_empty_tree',
    },
    {
      desc: 'equal-sizes-different-roots',
      first: 8,
      second: 8,
      proof: [],
      firstRoot: root6,
      secondRoot: root8,
      code: 'ledger_root_mismatch',
    },
    {
      desc: 'equal-sizes-nonempty-proof',
      first: 8,
      second: 8,
      proof: [root8],
      firstRoot: root8,
      secondRoot: root8,
      code: 'ledger_invalid_proof_size',
    },
  ];
  for (const m of mutations) {
    it(`rejects ${m.desc} with ${m.code}`, () => {
      expectLedgerError(
        () => verifyConsistency(hasher, m.first, m.second, m.proof, m.firstRoot, m.secondRoot),
        m.code,
      );
    });
  }

  it('refuses to generate a proof from the empty tree', () => {
    expectLedgerError(
      () => consistencyProof(0, 8, source, hasher),
      'ledger_consistency_from_empty_tree',
    );
  });
});
