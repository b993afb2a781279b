// Verification of inclusion and consistency proofs by the algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2.
import { LedgerError, rootMismatch } from './errors.js';
import { equalBytes, requireHashSize, type LogHasher } from './hasher.js';
import { requireCount, requireLeafIndex } from './tree-math.js';

function requireProofHashes(proof: readonly Uint8Array[], hasher: LogHasher): void {
  proof.forEach((hash, position) => requireHashSize(hash, `proof[${position}]`, hasher.sizeBytes));
}

function proofSizeError(got: number, want: string, details: Record<string, unknown>): LedgerError {
  return new LedgerError('ledger_invalid_proof_size', `proof has ${got} hashes, want ${want}`, {
    details: { ...details, proofSize: got },
  });
}

/**
 * The root that `proof` implies for leaf `leafHash` at `leafIndex` in a tree of `treeSize` leaves
 * (RFC 9162 §2.1.3.2 steps 1–5, less the final comparison). Requires 0 <= leafIndex < treeSize and
 * 32-byte hashes; throws `ledger_invalid_proof_size` when the proof is too short or too long.
 */
export function rootFromInclusionProof(
  hasher: LogHasher,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  requireLeafIndex(leafIndex, treeSize);
  requireHashSize(leafHash, 'leafHash', hasher.sizeBytes);
  requireProofHashes(proof, hasher);
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) throw proofSizeError(proof.length, 'fewer', { leafIndex, treeSize });
    if (fn % 2 === 1 || fn === sn) {
      r = hasher.hashChildren(p, r);
      // Skip the levels where our node is the last, unpaired one: its hash rises unchanged.
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hasher.hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw proofSizeError(proof.length, 'more', { leafIndex, treeSize });
  return r;
}

/**
 * Verifies that `leafHash` is leaf `leafIndex` of the tree of `treeSize` leaves with root `rootHash`
 * (RFC 9162 §2.1.3.2). Requires 0 <= leafIndex < treeSize. Throws `ledger_root_mismatch` carrying
 * the expected and calculated roots, or the error of `rootFromInclusionProof`.
 */
export function verifyInclusion(
  hasher: LogHasher,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  rootHash: Uint8Array,
): void {
  requireHashSize(rootHash, 'rootHash', hasher.sizeBytes);
  const calculated = rootFromInclusionProof(hasher, leafIndex, treeSize, leafHash, proof);
  if (!equalBytes(calculated, rootHash))
    throw rootMismatch(rootHash, calculated, { leafIndex, treeSize });
}

/**
 * Verifies that the tree of `secondSize` leaves with root `secondRoot` extends the tree of
 * `firstSize` leaves with root `firstRoot` (RFC 9162 §2.1.4.2). Requires 0 < firstSize <= secondSize
 * (`ledger_consistency_from_empty_tree` for firstSize 0: an empty tree proves nothing about its
 * successor, and an accepted empty proof there would vouch for anything). Equal sizes need an
 * empty proof and equal roots.
 */
export function verifyConsistency(
  hasher: LogHasher,
  firstSize: number,
  secondSize: number,
  proof: readonly Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
): void {
  requireCount(firstSize, 'firstSize');
  requireCount(secondSize, 'secondSize');
  requireHashSize(firstRoot, 'firstRoot', hasher.sizeBytes);
  requireHashSize(secondRoot, 'secondRoot', hasher.sizeBytes);
  requireProofHashes(proof, hasher);
  const sizes = { firstSize, secondSize };
  if (firstSize === 0) {
    throw new LedgerError(
      'ledger_consistency_from_empty_tree',
      'no consistency proof from the empty tree',
      {
        details: sizes,
      },
    );
  }
  if (secondSize < firstSize) {
    throw new LedgerError(
      'ledger_index_out_of_range',
      `second size ${secondSize} is below first size ${firstSize}`,
      {
        details: sizes,
      },
    );
  }
  if (firstSize === secondSize) {
    if (proof.length !== 0) throw proofSizeError(proof.length, '0 for equal sizes', sizes);
    if (!equalBytes(firstRoot, secondRoot)) throw rootMismatch(firstRoot, secondRoot, sizes);
    return;
  }
  if (proof.length === 0) throw proofSizeError(0, 'at least 1', sizes);

  // Step 2: when the old tree is a complete subtree, the proof omits its root; put it back.
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  const path = isPowerOfTwoSize(firstSize) ? [firstRoot, ...proof] : [...proof];
  // Step 4: strip the levels where the old tree's last node is a right child.
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (sn === 0) throw proofSizeError(proof.length, 'fewer', sizes);
    if (fn % 2 === 1 || fn === sn) {
      fr = hasher.hashChildren(c, fr);
      sr = hasher.hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hasher.hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw proofSizeError(proof.length, 'more', sizes);
  if (!equalBytes(fr, firstRoot)) throw rootMismatch(firstRoot, fr, { ...sizes, which: 'first' });
  if (!equalBytes(sr, secondRoot))
    throw rootMismatch(secondRoot, sr, { ...sizes, which: 'second' });
}

function isPowerOfTwoSize(n: number): boolean {
  while (n % 2 === 0) n /= 2;
  return n === 1;
}
