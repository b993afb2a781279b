// Offline verification from what an auditor holds, as text: witness checkpoints, a ledger export
// arriving in chunks and a receipt. Text in, verdict out; the CLI (cli/ledger-files.ts) reads the
// files, and nothing here needs the database.
import { noteVerifierForKey } from './ed25519.js';
import { LedgerError } from './errors.js';
import { rfc9162Hasher } from './hasher.js';
import { ExportVerifier } from './ledger-export.js';
import type { AuditReport } from './log-auditor.js';
import type { NoteVerifier } from './signed-note.js';

/** A checkpoint held from elsewhere, under the label a failed comparison names. */
export interface WitnessCheckpoint {
  readonly label: string;
  readonly note: string;
}

/**
 * A checkpoint held from elsewhere: a signed note as text, the JSON of GET /ledger/checkpoint
 * (`{ checkpoint }`), or a receipt (its `checkpoint`). `source` (a file name) labels it.
 */
export function parseWitnessCheckpoint(text: string, source: string): WitnessCheckpoint {
  if (text.trimStart().startsWith('{')) {
    try {
      const value = JSON.parse(text) as { checkpoint?: unknown };
      if (typeof value.checkpoint === 'string')
        return { label: `checkpoint ${source}`, note: value.checkpoint };
    } catch {
      // fall through: not JSON after all
    }
    throw new LedgerError(
      'ledger_malformed_checkpoint',
      `${source} holds JSON without a "checkpoint" string`,
    );
  }
  return { label: `checkpoint ${source}`, note: text };
}

/** The JSON value of a receipt's text; a text that is not JSON is a typed error naming `source`. */
export function parseReceiptText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new LedgerError('ledger_malformed_receipt', `${source} is not a readable JSON receipt`);
  }
}

/**
 * Verifies an export fed as chunks of text cut anywhere (a file stream's pieces): memory stays
 * that of the longest line. RFC 9162 hashing; keys announced by `key.rotated` entries are Ed25519.
 */
export class ExportChunkVerifier {
  private readonly verifier: ExportVerifier;
  private pending = '';

  constructor(
    trusted: readonly NoteVerifier[],
    witnessCheckpoints: readonly WitnessCheckpoint[] = [],
  ) {
    this.verifier = new ExportVerifier({
      hasher: rfc9162Hasher,
      trusted,
      verifierForRotatedKey: noteVerifierForKey,
      witnessCheckpoints,
    });
  }

  /** Feeds the next chunk; throws the first defect found as a LedgerError naming its line. */
  addChunk(chunk: string): void {
    // Split on '\n' by hand: readline's per-line events cost more than the hashing.
    const text = this.pending + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      this.verifier.addLine(
        text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end),
      );
      start = end + 1;
    }
    this.pending = text.slice(start);
  }

  /** Verifies a last line without its newline, then the log as a whole. */
  finish(): AuditReport {
    if (this.pending.length > 0) this.verifier.addLine(this.pending);
    this.pending = '';
    return this.verifier.finish();
  }
}
