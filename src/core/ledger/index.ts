// The ledger core: RFC 9162 Merkle log hashing, proofs, signed checkpoints, receipts and verifiers.
export * from './errors.js';
export * from './hasher.js';
export * from './tree-math.js';
export * from './subtree-source.js';
export * from './compact-range.js';
export * from './proof-ranges.js';
export * from './proof-generation.js';
export * from './proof-verification.js';
export * from './base64.js';
export * from './signed-note.js';
export * from './ed25519.js';
export * from './certificates.js';
export * from './checkpoint.js';
export * from './receipt.js';
export * from './log-auditor.js';
export * from './ledger-export.js';
export * from './offline-verification.js';
