// The ledger export (JSON Lines): a header, then entries in index order, each batch followed by its
// signed checkpoint. Written by `anonex ledger export`, verified offline by `anonex ledger verify`.
import { encodeBase64 } from './base64.js';
import { LedgerError } from './errors.js';
import { LogAuditor, type AuditOptions, type AuditReport } from './log-auditor.js';

export const EXPORT_FORMAT = 'anonex-ledger-export/1';

/** Line 1. */
export interface ExportHeaderLine {
  readonly format: typeof EXPORT_FORMAT;
  readonly origin: string;
}
/** One entry: its canonical JSON text and the leaf hash the exchange recorded for it (base64). */
export interface ExportEntryLine {
  readonly leaf_index: number;
  readonly entry: string;
  readonly leaf_hash: string;
}
/** The signed checkpoint of the entries before it. */
export interface ExportCheckpointLine {
  readonly checkpoint: string;
}

export function exportHeaderLine(origin: string): string {
  return JSON.stringify({ format: EXPORT_FORMAT, origin } satisfies ExportHeaderLine);
}
export function exportEntryLine(
  leafIndex: number,
  entryText: string,
  leafHash: Uint8Array,
): string {
  return JSON.stringify({
    leaf_index: leafIndex,
    entry: entryText,
    leaf_hash: encodeBase64(leafHash),
  } satisfies ExportEntryLine);
}
export function exportCheckpointLine(note: string): string {
  return JSON.stringify({ checkpoint: note } satisfies ExportCheckpointLine);
}

/**
 * Verifies an export line by line (feed `addLine`, then `finish`). Errors are the auditor's
 * LedgerErrors with the 1-based `line` added to their details and message.
 */
export class ExportVerifier {
  private auditor: LogAuditor | undefined;
  private lineNumber = 0;
  private checkpointNumber = 0;

  constructor(
    private readonly options: Omit<AuditOptions, 'origin'> & { readonly origin?: string },
  ) {}

  addLine(line: string): void {
    this.lineNumber++;
    const lineNumber = this.lineNumber;
    if (line.length === 0) return;
    try {
      this.handle(line, lineNumber);
    } catch (error) {
      if (error instanceof LedgerError && error.details.line === undefined) {
        throw new LedgerError(error.code, `line ${lineNumber}: ${error.message}`, {
          details: { ...error.details, line: lineNumber },
          issues: error.issues,
        });
      }
      throw error;
    }
  }

  finish(): AuditReport {
    if (this.auditor === undefined) throw malformed('the export is empty', 1);
    return this.auditor.finish();
  }

  private handle(line: string, lineNumber: number): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw malformed('not JSON', lineNumber);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw malformed('not a JSON object', lineNumber);
    const record = value as Record<string, unknown>;
    if (this.auditor === undefined) {
      if (record.format !== EXPORT_FORMAT || typeof record.origin !== 'string') {
        throw malformed(`the first line must be the ${EXPORT_FORMAT} header`, lineNumber);
      }
      if (this.options.origin !== undefined && record.origin !== this.options.origin) {
        throw new LedgerError(
          'ledger_origin_mismatch',
          `export origin ${record.origin}, want ${this.options.origin}`,
        );
      }
      this.auditor = new LogAuditor({ ...this.options, origin: record.origin });
      return;
    }
    if (typeof record.checkpoint === 'string') {
      this.checkpointNumber++;
      this.auditor.addCheckpoint(
        record.checkpoint,
        `checkpoint ${this.checkpointNumber} (line ${lineNumber})`,
      );
      return;
    }
    if (
      !Number.isSafeInteger(record.leaf_index) ||
      typeof record.entry !== 'string' ||
      typeof record.leaf_hash !== 'string'
    ) {
      throw malformed('want an entry {leaf_index, entry, leaf_hash} or a {checkpoint}', lineNumber);
    }
    this.auditor.addEntry(record.leaf_index as number, record.entry, record.leaf_hash);
  }
}

function malformed(reason: string, line: number): LedgerError {
  return new LedgerError('ledger_malformed_export', `line ${line}: ${reason}`, {
    details: { line },
  });
}

/** Verifies a whole export held in memory (tests, small logs); the CLI streams through ExportVerifier. */
export function verifyLedgerExport(text: string, options: AuditOptions): AuditReport {
  const verifier = new ExportVerifier(options);
  for (const line of text.split('\n')) verifier.addLine(line);
  return verifier.finish();
}
