// Streaming audit of a whole log: entries and signed checkpoints in log order, every defect named.
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { openCheckpoint, parseCheckpointText, type Checkpoint } from './checkpoint.js';
import { CompactRange } from './compact-range.js';
import { LedgerError, toHex } from './errors.js';
import { equalBytes, type LogHasher } from './hasher.js';
import { hexKeyId, parseSignedNote, type NoteVerifier } from './signed-note.js';

export interface AuditOptions {
  readonly hasher: LogHasher;
  /** The log's origin; checkpoints naming another are refused. */
  readonly origin?: string;
  /** Keys trusted from the start (the exchange certificates the auditor holds). */
  readonly trusted: readonly NoteVerifier[];
  /**
   * Builds a verifier for a key announced by a `key.rotated` entry; the new key is trusted once a
   * checkpoint signed by an already trusted key covers that entry. Without it, rotation is not followed.
   */
  readonly verifierForRotatedKey?: (name: string, publicKey: Uint8Array) => NoteVerifier;
  /** Checkpoints held from elsewhere (receipts, earlier downloads): each must agree with the log. */
  readonly witnessCheckpoints?: readonly { readonly label: string; readonly note: string }[];
}

export interface AuditReport {
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly checkpointCount: number;
  readonly latestCheckpoint: Checkpoint | undefined;
  /** Key ids (hex) that signed the latest checkpoint. */
  readonly latestSignerKeyIds: readonly string[];
  /** The latest checkpoint as its signed note, with any witness cosignatures it carries. */
  readonly latestCheckpointNote: string | undefined;
}

interface Mismatch {
  readonly label: string;
  readonly treeSize: number;
  readonly firstUncheckedIndex: number;
  readonly expectedRoot: Uint8Array;
  readonly calculatedRoot: Uint8Array;
}

interface PendingRotation {
  readonly leafIndex: number;
  readonly name: string;
  readonly publicKey: Uint8Array;
}

/**
 * Feed entries (`addEntry`, in index order) and checkpoints (`addCheckpoint`, each right after the
 * entries it covers), then `finish()`. Detects modified, deleted, inserted and reordered entries,
 * checkpoints signed by other keys, forks (two signed checkpoints no single log satisfies), unsigned
 * tails and truncation against witness checkpoints. Throws LedgerError whose details name the first
 * bad entry (`leafIndex`) or checkpoint (`checkpoint`, `treeSize`).
 */
export class LogAuditor {
  private readonly range: CompactRange;
  private readonly trusted: NoteVerifier[];
  /** After a rotation, checkpoints must carry the new key's signature (the old key is retired). */
  private requiredSigner: NoteVerifier | undefined;
  private readonly rootsAtCheckpoints = new Map<number, Uint8Array>();
  private readonly pendingRotations: PendingRotation[] = [];
  private readonly witnesses: { label: string; note: string; treeSize: number }[];
  private nextWitness = 0;
  private mismatch: Mismatch | undefined;
  private checkpointCount = 0;
  private lastVerifiedSize = 0;
  private latest: Checkpoint | undefined;
  private latestSigners: string[] = [];
  private latestNote: string | undefined;

  constructor(private readonly options: AuditOptions) {
    this.range = new CompactRange(options.hasher);
    this.trusted = [...options.trusted];
    this.witnesses = (options.witnessCheckpoints ?? [])
      .map((witness) => ({ ...witness, treeSize: witnessSize(witness.note, witness.label) }))
      .sort((a, b) => a.treeSize - b.treeSize);
    this.skipWitnessesAt(0);
  }

  get treeSize(): number {
    return this.range.size;
  }

  /**
   * Appends entry `leafIndex`; `claimedLeafHash` (bytes, or base64 as exports carry it) pins exactly
   * which entry was edited.
   */
  addEntry(leafIndex: number, entryText: string, claimedLeafHash?: Uint8Array | string): void {
    const expected = this.range.size;
    if (leafIndex !== expected) {
      const code = leafIndex > expected ? 'ledger_entry_missing' : 'ledger_entry_out_of_order';
      const what =
        leafIndex > expected
          ? leafIndex - 1 === expected
            ? `entry ${expected} is missing`
            : `entries ${expected}..${leafIndex - 1} are missing`
          : 'inserted or reordered';
      throw new LedgerError(code, `entry ${leafIndex}: want entry ${expected} here (${what})`, {
        details: { leafIndex: expected, foundIndex: leafIndex },
      });
    }
    const leafHash = this.options.hasher.hashLeaf(Buffer.from(entryText, 'utf8'));
    // Exports carry base64: comparing encodings skips a strict decode per entry on the hot path.
    const matches =
      claimedLeafHash === undefined ||
      (typeof claimedLeafHash === 'string'
        ? encodeBase64(leafHash) === claimedLeafHash
        : equalBytes(leafHash, claimedLeafHash));
    if (!matches) {
      const recorded =
        typeof claimedLeafHash === 'string'
          ? claimedLeafHash
          : encodeBase64(claimedLeafHash as Uint8Array);
      throw new LedgerError(
        'ledger_entry_modified',
        `entry ${leafIndex}: content does not hash to its leaf hash`,
        {
          details: {
            leafIndex,
            recordedLeafHash: recorded,
            calculatedLeafHash: encodeBase64(leafHash),
          },
        },
      );
    }
    if (entryText.includes('"key.rotated"')) this.noteRotation(leafIndex, entryText);
    this.range.appendLeafHash(leafHash);
    if (
      this.nextWitness < this.witnesses.length &&
      this.witnesses[this.nextWitness].treeSize === this.range.size
    ) {
      this.checkWitnessesAt(this.range.size);
    }
  }

  /** Checks a signed checkpoint for the entries added so far. */
  addCheckpoint(note: string, label = `checkpoint ${this.checkpointCount + 1}`): void {
    const { checkpoint, signedBy } = this.open(note, label);
    const size = this.range.size;
    const known = this.rootsAtCheckpoints.get(checkpoint.treeSize);
    if (known !== undefined) {
      if (!equalBytes(known, checkpoint.rootHash)) throw this.fork(label, checkpoint, known);
    } else if (checkpoint.treeSize > size) {
      throw new LedgerError(
        'ledger_entry_missing',
        `${label} covers ${checkpoint.treeSize} entries but only ${size} precede it (entries ${size}..${checkpoint.treeSize - 1} missing)`,
        {
          details: { checkpoint: label, treeSize: checkpoint.treeSize, leafIndex: size },
        },
      );
    } else if (checkpoint.treeSize < size) {
      throw new LedgerError(
        'ledger_malformed_export',
        `${label} (size ${checkpoint.treeSize}) comes after entry ${size - 1}`,
        {
          details: { checkpoint: label, treeSize: checkpoint.treeSize },
        },
      );
    }
    this.checkpointCount++;
    if (checkpoint.treeSize < size || known !== undefined) return;
    const root = this.range.root();
    if (!equalBytes(root, checkpoint.rootHash)) {
      this.mismatch ??= {
        label,
        treeSize: checkpoint.treeSize,
        firstUncheckedIndex: this.lastVerifiedSize,
        expectedRoot: checkpoint.rootHash,
        calculatedRoot: root,
      };
      return;
    }
    if (this.mismatch !== undefined) {
      // The entries satisfy this signed checkpoint, so the earlier signed one contradicts it.
      throw new LedgerError(
        'ledger_fork',
        `${this.mismatch.label} (size ${this.mismatch.treeSize}) is inconsistent with ${label} (size ${checkpoint.treeSize}): the exchange signed two different logs`,
        {
          details: {
            checkpoint: this.mismatch.label,
            treeSize: this.mismatch.treeSize,
            otherCheckpoint: label,
            otherTreeSize: checkpoint.treeSize,
            expectedRoot: toHex(this.mismatch.expectedRoot),
            calculatedRoot: toHex(this.mismatch.calculatedRoot),
          },
        },
      );
    }
    this.rootsAtCheckpoints.set(checkpoint.treeSize, checkpoint.rootHash);
    this.lastVerifiedSize = checkpoint.treeSize;
    this.latest = checkpoint;
    this.latestNote = note;
    this.latestSigners = signedBy.map((verifier) => hexKeyId(verifier.keyId));
    this.trustRotationsBelow(checkpoint.treeSize);
  }

  /** Ends the audit: the log verifies when this returns. */
  finish(): AuditReport {
    if (this.mismatch !== undefined) {
      const m = this.mismatch;
      throw new LedgerError(
        'ledger_entries_mismatch_checkpoint',
        `entries ${m.firstUncheckedIndex}..${m.treeSize - 1} do not produce the root of ${m.label} (size ${m.treeSize}): an entry among them was modified, inserted, deleted or reordered`,
        {
          details: {
            checkpoint: m.label,
            treeSize: m.treeSize,
            leafIndex: m.firstUncheckedIndex,
            expectedRoot: toHex(m.expectedRoot),
            calculatedRoot: toHex(m.calculatedRoot),
          },
        },
      );
    }
    const size = this.range.size;
    if (this.nextWitness < this.witnesses.length) {
      const witness = this.witnesses[this.nextWitness];
      throw new LedgerError(
        'ledger_truncated',
        `the log ends at ${size} entries but ${witness.label} is signed for ${witness.treeSize}`,
        {
          details: { checkpoint: witness.label, treeSize: witness.treeSize, logSize: size },
        },
      );
    }
    if (size > 0 && this.latest === undefined) {
      throw new LedgerError(
        'ledger_no_checkpoint',
        `${size} entries and no checkpoint signs them`,
        {
          details: { leafIndex: 0, logSize: size },
        },
      );
    }
    if (size > this.lastVerifiedSize) {
      throw new LedgerError(
        'ledger_unsigned_entries',
        `entries ${this.lastVerifiedSize}..${size - 1} follow the last checkpoint and no signature covers them`,
        {
          details: { leafIndex: this.lastVerifiedSize, logSize: size },
        },
      );
    }
    return {
      treeSize: size,
      rootHash: this.range.root(),
      checkpointCount: this.checkpointCount,
      latestCheckpoint: this.latest,
      latestSignerKeyIds: this.latestSigners,
      latestCheckpointNote: this.latestNote,
    };
  }

  private open(note: string, label: string) {
    let opened;
    try {
      opened = openCheckpoint(note, this.trusted, this.options.origin);
    } catch (error) {
      if (error instanceof LedgerError) {
        throw new LedgerError(error.code, `${label}: ${error.message}`, {
          details: { ...error.details, checkpoint: label },
        });
      }
      throw error;
    }
    const required = this.requiredSigner;
    if (required !== undefined && !opened.signedBy.includes(required)) {
      throw new LedgerError(
        'ledger_untrusted_signer',
        `${label}: not signed by the current key ${hexKeyId(required.keyId)} (the older key was rotated out)`,
        {
          details: {
            checkpoint: label,
            treeSize: opened.checkpoint.treeSize,
            requiredKeyId: hexKeyId(required.keyId),
          },
        },
      );
    }
    return opened;
  }

  private fork(label: string, checkpoint: Checkpoint, knownRoot: Uint8Array): LedgerError {
    return new LedgerError(
      'ledger_fork',
      `${label} signs root ${encodeBase64(checkpoint.rootHash)} for size ${checkpoint.treeSize}, another checkpoint signed ${encodeBase64(knownRoot)}`,
      {
        details: {
          checkpoint: label,
          treeSize: checkpoint.treeSize,
          expectedRoot: toHex(knownRoot),
          calculatedRoot: toHex(checkpoint.rootHash),
        },
      },
    );
  }

  private checkWitnessesAt(size: number): void {
    const root = this.range.root();
    while (
      this.nextWitness < this.witnesses.length &&
      this.witnesses[this.nextWitness].treeSize === size
    ) {
      const witness = this.witnesses[this.nextWitness++];
      const { checkpoint } = this.open(witness.note, witness.label);
      if (!equalBytes(root, checkpoint.rootHash)) {
        throw new LedgerError(
          'ledger_fork',
          `${witness.label} signs a root for size ${size} that the log does not have: the log was rewritten or forked`,
          {
            details: {
              checkpoint: witness.label,
              treeSize: size,
              expectedRoot: toHex(checkpoint.rootHash),
              calculatedRoot: toHex(root),
            },
          },
        );
      }
    }
  }

  private skipWitnessesAt(size: number): void {
    while (
      this.nextWitness < this.witnesses.length &&
      this.witnesses[this.nextWitness].treeSize === size
    )
      this.nextWitness++;
  }

  private noteRotation(leafIndex: number, entryText: string): void {
    if (this.options.verifierForRotatedKey === undefined) return;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(entryText) as Record<string, unknown>;
    } catch {
      return;
    }
    if (
      entry.kind !== 'key.rotated' ||
      typeof entry.key_name !== 'string' ||
      typeof entry.public_key !== 'string'
    )
      return;
    const publicKey = decodeBase64Strict(entry.public_key);
    if (publicKey !== undefined)
      this.pendingRotations.push({ leafIndex, name: entry.key_name, publicKey });
  }

  private trustRotationsBelow(treeSize: number): void {
    while (this.pendingRotations.length > 0 && this.pendingRotations[0].leafIndex < treeSize) {
      const rotation = this.pendingRotations.shift() as PendingRotation;
      const verifier = (
        this.options.verifierForRotatedKey as NonNullable<AuditOptions['verifierForRotatedKey']>
      )(rotation.name, rotation.publicKey);
      const existing = this.trusted.find(
        (t) => t.name === verifier.name && equalBytes(t.keyId, verifier.keyId),
      );
      if (existing === undefined) this.trusted.push(verifier);
      this.requiredSigner = existing ?? verifier;
    }
  }
}

/** Tree size of a witness checkpoint; its signature is checked when the log reaches that size. */
function witnessSize(note: string, label: string): number {
  try {
    return parseCheckpointText(parseSignedNote(note).text).treeSize;
  } catch (error) {
    if (error instanceof LedgerError) {
      throw new LedgerError(error.code, `${label}: ${error.message}`, {
        details: { ...error.details, checkpoint: label },
      });
    }
    throw error;
  }
}
