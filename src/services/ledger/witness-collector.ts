// Collects witness cosignatures (C2SP tlog-witness): submits each signed checkpoint, in order, to
// every configured witness with a consistency proof from the last one it cosigned, and adds the
// cosignature lines it returns to the stored checkpoint, so receipts and exports carry them. A
// witness that refuses (a split view it saw) is logged with its evidence; nothing is retried
// against it until the operator looks (docs/witnesses.md).
import {
  acceptCosignatureLines,
  addSignatureLines,
  decodeBase64Strict,
  formatAddCheckpointRequest,
  parseSignedNote,
  witnessVerifierFromVkey,
  type WitnessVerifier,
} from '../../core/ledger/index.js';
import {
  selectCheckpointNoteForUpdate,
  selectCheckpointsAbove,
  updateCheckpointNote,
  type CheckpointRow,
} from '../../store/repositories/ledger.js';
import type { BackgroundWorker } from '../background-worker.js';
import type { ServiceDeps } from '../deps.js';
import type { LedgerService } from './ledger-service.js';

/** Checkpoints submitted to one witness per pass. */
const CHECKPOINTS_PER_PASS = 100;
const REQUEST_TIMEOUT_MS = 10_000;

interface Witness {
  readonly url: string;
  readonly verifier: WitnessVerifier;
  /** The size the witness last cosigned, as far as this process knows (0: ask it). */
  heldSize: number;
  /** Set when the witness refused for a reason other than its size: it is not asked again. */
  refused: boolean;
}

type Submission =
  | { readonly kind: 'cosigned' }
  | { readonly kind: 'size'; readonly witnessSize: number }
  | { readonly kind: 'refused'; readonly status: number; readonly body: string };

export class WitnessCollector implements BackgroundWorker {
  readonly name = 'ledger-witness-collector';
  private readonly witnesses: Witness[];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly ledger: LedgerService,
  ) {
    this.witnesses = deps.config.ledgerWitnesses.map(({ url, vkey }) => ({
      url,
      verifier: witnessVerifierFromVkey(vkey),
      heldSize: 0,
      refused: false,
    }));
  }

  start(): void {
    if (!this.stopped || this.witnesses.length === 0) return;
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.collect()
        .catch((error: unknown) =>
          this.deps.logger.warn({ err: error }, 'witness cosignatures not collected'),
        )
        .finally(() => {
          if (!this.stopped)
            this.timer = setTimeout(tick, this.deps.config.ledgerWitnessIntervalMs);
        });
    };
    // The first pass waits one interval too: checkpoints appear batch by batch, never at start.
    this.timer = setTimeout(tick, this.deps.config.ledgerWitnessIntervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running.catch(() => undefined);
  }

  /** One pass over every witness, queued behind a pass already running; resolves with the number of cosignatures added. */
  collect(): Promise<number> {
    const run = this.running.catch(() => undefined).then(() => this.pass());
    this.running = run;
    return run;
  }

  private async pass(): Promise<number> {
    let added = 0;
    for (const witness of this.witnesses) {
      if (!witness.refused) added += await this.collectFrom(witness);
    }
    return added;
  }

  private async collectFrom(witness: Witness): Promise<number> {
    let added = 0;
    // A size answer (409) restarts the pass once from the witness's size.
    for (let attempt = 0; attempt < 2; attempt++) {
      const pending = await selectCheckpointsAbove(
        this.deps.db,
        witness.heldSize,
        CHECKPOINTS_PER_PASS,
      );
      let restart = false;
      for (const checkpoint of pending) {
        const outcome = await this.submit(witness, checkpoint);
        if (outcome.kind === 'cosigned') {
          witness.heldSize = checkpoint.treeSize;
          added++;
          continue;
        }
        if (outcome.kind === 'size') {
          witness.heldSize = outcome.witnessSize;
          restart = true;
        } else {
          witness.refused = true;
          this.deps.logger.error(
            { witness: witness.verifier.name, status: outcome.status, answer: outcome.body },
            'a witness refused a checkpoint: see its evidence (docs/witnesses.md)',
          );
        }
        break;
      }
      if (!restart) break;
    }
    return added;
  }

  private async submit(witness: Witness, checkpoint: CheckpointRow): Promise<Submission> {
    const oldSize = witness.heldSize;
    const consistencyProof =
      oldSize === 0 || oldSize === checkpoint.treeSize
        ? []
        : (await this.ledger.consistencyProof(oldSize, checkpoint.treeSize)).consistencyProof.map(
            (hash) => decodeBase64Strict(hash) as Uint8Array,
          );
    const response = await fetch(`${witness.url}/add-checkpoint`, {
      method: 'POST',
      body: formatAddCheckpointRequest({ oldSize, consistencyProof, checkpoint: checkpoint.note }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await response.text();
    if (
      response.status === 409 &&
      /^text\/x\.tlog\.size/.test(response.headers.get('content-type') ?? '')
    ) {
      const size = Number(body.trim());
      if (Number.isSafeInteger(size) && size >= 0 && size !== oldSize)
        return { kind: 'size', witnessSize: size };
    }
    if (response.status !== 200) return { kind: 'refused', status: response.status, body };
    const text = parseSignedNote(checkpoint.note).text;
    const lines = acceptCosignatureLines(text, body, witness.verifier);
    await this.deps.db.transaction(async (trx) => {
      const note = await selectCheckpointNoteForUpdate(trx, checkpoint.treeSize);
      if (note !== undefined)
        await updateCheckpointNote(trx, checkpoint.treeSize, addSignatureLines(note, lines));
    });
    return { kind: 'cosigned' };
  }
}
