// The witness of C2SP tlog-witness, as pure logic: given the checkpoint it last cosigned for an
// origin and an add-checkpoint request (old size, consistency proof, new checkpoint), it cosigns
// the new checkpoint or refuses. A refusal because the log showed two inconsistent trees comes
// with split-view evidence (split-view-evidence.ts) that anyone can check. The CLI keeps the state
// on disk and answers HTTP (cli/witness-server.ts).
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { openCheckpoint, type Checkpoint } from './checkpoint.js';
import { cosignCheckpoint, type WitnessSigner } from './cosignature.js';
import { LedgerError } from './errors.js';
import { equalBytes, type LogHasher } from './hasher.js';
import { verifyConsistency } from './proof-verification.js';
import type { NoteVerifier } from './signed-note.js';
import { signSplitViewEvidence, type SplitViewEvidence } from './split-view-evidence.js';

/** C2SP: a client sends at most 63 consistency proof lines. */
const MAX_PROOF_LINES = 63;

export interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly consistencyProof: readonly Uint8Array[];
  /** The signed checkpoint note. */
  readonly checkpoint: string;
}

/** The body of `POST <prefix>/add-checkpoint`. */
export function formatAddCheckpointRequest(request: AddCheckpointRequest): string {
  const proof = request.consistencyProof.map((hash) => `${encodeBase64(hash)}\n`).join('');
  return `old ${request.oldSize}\n${proof}\n${request.checkpoint}`;
}

/** Parses an add-checkpoint body; every defect is `ledger_malformed_cosignature`. */
export function parseAddCheckpointRequest(body: string): AddCheckpointRequest {
  const malformed = (reason: string) =>
    new LedgerError('ledger_malformed_cosignature', `add-checkpoint request: ${reason}`);
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw malformed('no empty line before the checkpoint');
  const [oldLine, ...proofLines] = body.slice(0, blank).split('\n');
  const old = /^old (0|[1-9][0-9]{0,15})$/.exec(oldLine);
  if (old === null) throw malformed('the first line must be "old <size>"');
  if (proofLines.length > MAX_PROOF_LINES)
    throw malformed(`more than ${MAX_PROOF_LINES} proof lines`);
  const consistencyProof = proofLines.map((line, position) => {
    const hash = decodeBase64Strict(line);
    if (hash === undefined) throw malformed(`proof line ${position + 1} is not base64`);
    return hash;
  });
  return { oldSize: Number(old[1]), consistencyProof, checkpoint: body.slice(blank + 2) };
}

/** What a witness remembers of one log: the latest checkpoint it cosigned. */
export interface WitnessedCheckpoint {
  readonly treeSize: number;
  /** The signed note as received (it proves what the log signed). */
  readonly checkpoint: string;
}

export interface WitnessContext {
  readonly signer: WitnessSigner;
  readonly hasher: LogHasher;
  /** The log keys the witness trusts, by origin. */
  readonly logKeys: ReadonlyMap<string, readonly NoteVerifier[]>;
  readonly nowSeconds: number;
}

export type WitnessOutcome =
  | {
      readonly kind: 'cosigned';
      /** The signature line to return (C2SP: the 200 body). */
      readonly cosignature: string;
      readonly origin: string;
      /** What the witness must persist, atomically with having checked `held`. */
      readonly next: WitnessedCheckpoint;
    }
  | {
      readonly kind: 'refused';
      /** The HTTP status C2SP tlog-witness prescribes. */
      readonly status: 400 | 403 | 404 | 409 | 422;
      readonly error: LedgerError;
      /** The size the witness holds, for a 409 on the old size (body `text/x.tlog.size`). */
      readonly witnessSize?: number;
      /** Signed evidence of a split view, when the log showed two inconsistent trees. */
      readonly evidence?: SplitViewEvidence;
    };

const refused = (
  status: 400 | 403 | 404 | 409 | 422,
  error: LedgerError,
  extra: { witnessSize?: number; evidence?: SplitViewEvidence } = {},
): WitnessOutcome => ({ kind: 'refused', status, error, ...extra });

/**
 * The witness's decision on `request` given what it `held` for the checkpoint's origin
 * (undefined: never cosigned for it). Checks in the order C2SP tlog-witness lists them.
 */
export function witnessAddCheckpoint(
  request: AddCheckpointRequest,
  held: WitnessedCheckpoint | undefined,
  context: WitnessContext,
): WitnessOutcome {
  let checkpoint: Checkpoint;
  let origin: string;
  try {
    origin = originOf(request.checkpoint);
  } catch (error) {
    return refused(400, error as LedgerError);
  }
  const keys = context.logKeys.get(origin);
  if (keys === undefined)
    return refused(
      404,
      new LedgerError('ledger_origin_mismatch', `this witness does not follow ${origin}`),
    );
  try {
    checkpoint = openCheckpoint(request.checkpoint, keys, origin).checkpoint;
  } catch (error) {
    return refused(403, error as LedgerError);
  }
  if (request.oldSize > checkpoint.treeSize)
    return refused(
      400,
      new LedgerError(
        'ledger_malformed_cosignature',
        `old size ${request.oldSize} is above the checkpoint's size ${checkpoint.treeSize}`,
      ),
    );
  const heldSize = held?.treeSize ?? 0;
  if (request.oldSize !== heldSize)
    return refused(
      409,
      new LedgerError(
        'ledger_witness_size_conflict',
        `old size ${request.oldSize}, the witness last cosigned size ${heldSize}`,
        { details: { witnessSize: heldSize } },
      ),
      { witnessSize: heldSize },
    );
  if (held !== undefined && held.treeSize > 0) {
    const heldCheckpoint = openCheckpoint(held.checkpoint, keys, origin).checkpoint;
    const inconsistency = inconsistencyOf(request, heldCheckpoint, checkpoint, context.hasher);
    if (inconsistency !== undefined) {
      const evidence = signSplitViewEvidence(
        {
          origin,
          held: held.checkpoint,
          offered: request.checkpoint,
          consistencyProof: request.consistencyProof,
          refusedAtSeconds: context.nowSeconds,
        },
        context.signer,
      );
      return refused(inconsistency.status, inconsistency.error, { evidence });
    }
  } else if (request.consistencyProof.length > 0) {
    return refused(
      400,
      new LedgerError(
        'ledger_malformed_cosignature',
        'a consistency proof from size 0 must be empty',
      ),
    );
  }
  const text = request.checkpoint.slice(0, request.checkpoint.lastIndexOf('\n\n') + 1);
  return {
    kind: 'cosigned',
    cosignature: cosignCheckpoint(text, context.signer, context.nowSeconds),
    origin,
    next: { treeSize: checkpoint.treeSize, checkpoint: request.checkpoint },
  };
}

/** Why `offered` cannot extend `held`: same size with another root (409), or a failing proof (422). */
function inconsistencyOf(
  request: AddCheckpointRequest,
  held: Checkpoint,
  offered: Checkpoint,
  hasher: LogHasher,
): { status: 409 | 422; error: LedgerError } | undefined {
  if (held.treeSize === offered.treeSize) {
    if (equalBytes(held.rootHash, offered.rootHash)) return undefined;
    return {
      status: 409,
      error: new LedgerError(
        'ledger_split_view',
        `two checkpoints of size ${held.treeSize} with different roots: the log shows a split view`,
        { details: { treeSize: held.treeSize } },
      ),
    };
  }
  try {
    verifyConsistency(
      hasher,
      held.treeSize,
      offered.treeSize,
      request.consistencyProof,
      held.rootHash,
      offered.rootHash,
    );
    return undefined;
  } catch (error) {
    return {
      status: 422,
      error: new LedgerError(
        'ledger_split_view',
        `no consistency from size ${held.treeSize} to ${offered.treeSize}: ${(error as Error).message}`,
        { details: { firstSize: held.treeSize, secondSize: offered.treeSize }, cause: error },
      ),
    };
  }
}

/** The origin line of a signed checkpoint, before its signatures are checked. */
function originOf(note: string): string {
  const newline = note.indexOf('\n');
  if (newline <= 0)
    throw new LedgerError('ledger_malformed_checkpoint', 'checkpoint: no origin line');
  return note.slice(0, newline);
}
