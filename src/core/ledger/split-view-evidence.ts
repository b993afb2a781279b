// The evidence a witness hands out when it refuses a checkpoint: the checkpoint it held and the
// one it was offered, both signed by the log, and the consistency proof the log offered, signed
// by the witness. Anyone holding the log's certificate checks it offline: two checkpoints of one
// origin with the same size and different roots prove a split view outright; of different sizes,
// they prove that the log's own consistency proof between its two signed trees fails.
//
//   signature = Ed25519 by the witness over "anonex-split-view/1\n" ‖ JCS(evidence without signature)
import { canonicalJson } from '../canonical-json.js';
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { openCheckpoint } from './checkpoint.js';
import type { WitnessSigner, WitnessVerifier } from './cosignature.js';
import { LedgerError } from './errors.js';
import { equalBytes, type LogHasher } from './hasher.js';
import { verifyConsistency } from './proof-verification.js';
import { hexKeyId, type NoteVerifier } from './signed-note.js';

export const SPLIT_VIEW_EVIDENCE_FORMAT = 'anonex-split-view/1';
const SIGNATURE_DOMAIN = `${SPLIT_VIEW_EVIDENCE_FORMAT}\n`;

/** The evidence as JSON (what a witness writes and serves). */
export interface SplitViewEvidence {
  readonly format: typeof SPLIT_VIEW_EVIDENCE_FORMAT;
  readonly origin: string;
  /** The checkpoint note the witness had cosigned last. */
  readonly held: string;
  /** The checkpoint note the log then asked it to cosign. */
  readonly offered: string;
  /** base64 hashes the log offered as the proof from `held` to `offered`. */
  readonly consistency_proof: readonly string[];
  readonly refused_at: number;
  readonly witness: { readonly name: string; readonly key_id: string };
  /** base64 Ed25519 signature of the witness (see above). */
  readonly signature: string;
}

export interface SplitViewFacts {
  readonly origin: string;
  readonly held: string;
  readonly offered: string;
  readonly consistencyProof: readonly Uint8Array[];
  readonly refusedAtSeconds: number;
}

/** What the evidence proves once checked. */
export interface VerifiedSplitView {
  readonly origin: string;
  /** `same_size`: two roots for one size; `no_consistency`: the log's proof between them fails. */
  readonly kind: 'same_size' | 'no_consistency';
  readonly heldSize: number;
  readonly offeredSize: number;
  /** The witness whose signature was checked, when its key was given. */
  readonly witness: string | undefined;
}

const signedPart = (evidence: Omit<SplitViewEvidence, 'signature'>) =>
  Buffer.from(`${SIGNATURE_DOMAIN}${canonicalJson(evidence)}`, 'utf8');

export function signSplitViewEvidence(
  facts: SplitViewFacts,
  signer: WitnessSigner,
): SplitViewEvidence {
  const unsigned = {
    format: SPLIT_VIEW_EVIDENCE_FORMAT,
    origin: facts.origin,
    held: facts.held,
    offered: facts.offered,
    consistency_proof: facts.consistencyProof.map(encodeBase64),
    refused_at: facts.refusedAtSeconds,
    witness: { name: signer.name, key_id: hexKeyId(signer.keyId) },
  } as const;
  return { ...unsigned, signature: encodeBase64(signer.sign(signedPart(unsigned))) };
}

const malformed = (reason: string) =>
  new LedgerError('ledger_malformed_evidence', `split-view evidence: ${reason}`);

function parseEvidence(value: unknown): SplitViewEvidence {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw malformed('not a JSON object');
  const record = value as Record<string, unknown>;
  if (record.format !== SPLIT_VIEW_EVIDENCE_FORMAT)
    throw malformed(`format is not ${SPLIT_VIEW_EVIDENCE_FORMAT}`);
  const witness = record.witness as Record<string, unknown> | undefined;
  const strings = ['origin', 'held', 'offered', 'signature'] as const;
  if (
    strings.some((field) => typeof record[field] !== 'string') ||
    !Array.isArray(record.consistency_proof) ||
    record.consistency_proof.some((hash) => typeof hash !== 'string') ||
    !Number.isSafeInteger(record.refused_at) ||
    typeof witness?.name !== 'string' ||
    typeof witness.key_id !== 'string'
  )
    throw malformed(
      'want origin, held, offered, consistency_proof, refused_at, witness, signature',
    );
  return record as unknown as SplitViewEvidence;
}

/**
 * Checks split-view evidence: both checkpoints signed by a trusted log key for its origin, the
 * witness's signature when `witness` is given, and that the two trees cannot both be the log's.
 * Throws `ledger_malformed_evidence` when the evidence proves nothing.
 */
export function verifySplitViewEvidence(
  value: unknown,
  logKeys: readonly NoteVerifier[],
  hasher: LogHasher,
  witness?: WitnessVerifier,
): VerifiedSplitView {
  const evidence = parseEvidence(value);
  const held = openCheckpoint(evidence.held, logKeys, evidence.origin).checkpoint;
  const offered = openCheckpoint(evidence.offered, logKeys, evidence.origin).checkpoint;
  if (witness !== undefined) {
    const { signature: signatureText, ...unsigned } = evidence;
    const signature = decodeBase64Strict(signatureText);
    if (
      evidence.witness.name !== witness.name ||
      evidence.witness.key_id !== hexKeyId(witness.keyId) ||
      signature === undefined ||
      !witness.verify(signedPart(unsigned), signature)
    )
      throw malformed(`not signed by witness ${witness.name}`);
  }
  const result = {
    origin: evidence.origin,
    heldSize: held.treeSize,
    offeredSize: offered.treeSize,
    witness: witness?.name,
  };
  if (held.treeSize === offered.treeSize) {
    if (equalBytes(held.rootHash, offered.rootHash))
      throw malformed('the two checkpoints have the same size and root: nothing is split');
    return { ...result, kind: 'same_size' };
  }
  const proof = evidence.consistency_proof.map((text) => {
    const hash = decodeBase64Strict(text);
    if (hash === undefined) throw malformed('a consistency proof hash is not base64');
    return hash;
  });
  const [first, second] = held.treeSize < offered.treeSize ? [held, offered] : [offered, held];
  try {
    verifyConsistency(
      hasher,
      first.treeSize,
      second.treeSize,
      proof,
      first.rootHash,
      second.rootHash,
    );
  } catch {
    return { ...result, kind: 'no_consistency' };
  }
  throw malformed('the consistency proof verifies: the two checkpoints are consistent');
}
