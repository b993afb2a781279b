// The ledger core: RFC 9162 Merkle log hashing, proofs, signed checkpoints, receipts and verifiers.
export * from './errors.js';
export * from './hasher.js';
export * from './tree-math.js';
export * from './subtree-source.js';
export * from './compact-range.js';
export * from './proof-ranges.js';
export * from './proof-generation.js';
export * from './proof-verification.js';
