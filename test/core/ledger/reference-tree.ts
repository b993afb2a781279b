// The naive oracle: RFC 9162 §2.1 written as literally as the spec reads, recursion and all.
import { createHash } from 'node:crypto';

const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

function k(n: number): number {
  let power = 1;
  while (power * 2 < n) power *= 2;
  return power;
}

/** MTH(D[n]) of RFC 9162 §2.1.1. */
export function referenceRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return sha256(Uint8Array.of(0), leaves[0]);
  const split = k(leaves.length);
  return sha256(
    Uint8Array.of(1),
    referenceRoot(leaves.slice(0, split)),
    referenceRoot(leaves.slice(split)),
  );
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1. */
export function referenceInclusionProof(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const split = k(leaves.length);
  return m < split
    ? [...referenceInclusionProof(m, leaves.slice(0, split)), referenceRoot(leaves.slice(split))]
    : [
        ...referenceInclusionProof(m - split, leaves.slice(split)),
        referenceRoot(leaves.slice(0, split)),
      ];
}

/** SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1. */
function subproof(m: number, leaves: readonly Uint8Array[], b: boolean): Uint8Array[] {
  if (m === leaves.length) return b ? [] : [referenceRoot(leaves)];
  const split = k(leaves.length);
  return m <= split
    ? [...subproof(m, leaves.slice(0, split), b), referenceRoot(leaves.slice(split))]
    : [...subproof(m - split, leaves.slice(split), false), referenceRoot(leaves.slice(0, split))];
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1. */
export function referenceConsistencyProof(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return subproof(m, leaves, true);
}
