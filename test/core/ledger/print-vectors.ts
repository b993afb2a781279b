// Prints the roots and proofs of the standard test leaves from the naive reference tree, so the
// known answers in known-answers.ts can be recomputed: `npx tsx test/core/ledger/print-vectors.ts`.
import { leavesHex } from './known-answers.js';
import {
  referenceConsistencyProof,
  referenceInclusionProof,
  referenceRoot,
} from './reference-tree.js';

const leaves = leavesHex.map((hex) => Buffer.from(hex, 'hex'));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
for (let n = 0; n <= leaves.length; n++)
  console.log(`root(${n}) ${hex(referenceRoot(leaves.slice(0, n)))}`);
for (const [m, n] of [
  [0, 8],
  [5, 8],
  [2, 3],
  [1, 5],
]) {
  console.log(
    `inclusion(${m}, ${n}) ${referenceInclusionProof(m, leaves.slice(0, n)).map(hex).join(' ')}`,
  );
}
for (const [m, n] of [
  [1, 8],
  [6, 8],
  [2, 5],
  [6, 7],
]) {
  console.log(
    `consistency(${m}, ${n}) ${referenceConsistencyProof(m, leaves.slice(0, n)).map(hex).join(' ')}`,
  );
}
