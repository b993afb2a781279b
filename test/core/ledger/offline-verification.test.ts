// Offline verification from text: witness checkpoints in their three forms, receipts that are not
// JSON, and an export verified in chunks cut anywhere gives the whole-text verdict.
import { expect } from 'chai';
import {
  CompactRange,
  ExportChunkVerifier,
  LedgerError,
  exportCheckpointLine,
  exportEntryLine,
  exportHeaderLine,
  parseReceiptText,
  parseWitnessCheckpoint,
  rfc9162Hasher as hasher,
  signCheckpoint,
  verifyLedgerExport,
  type AuditReport,
} from '../../../src/core/ledger/index.js';
import { testKey } from './test-keys.js';

const origin = 'example.com/offline';
const key = testKey(origin, 7);

/** An export of `size` entries with a checkpoint after every third, and the last checkpoint's note. */
function buildExport(size: number): { lines: string[]; lastNote: string } {
  const range = new CompactRange(hasher);
  const lines = [exportHeaderLine(origin)];
  let lastNote = '';
  for (let n = 0; n < size; n++) {
    const entry = JSON.stringify({ kind: 'trade', n, recorded_at_ms: 1_700_000_000_000 + n });
    const leafHash = hasher.hashLeaf(Buffer.from(entry));
    lines.push(exportEntryLine(range.size, entry, leafHash));
    range.append(leafHash);
    if (range.size % 3 === 0 || n === size - 1) {
      lastNote = signCheckpoint(
        { origin, treeSize: range.size, rootHash: range.root(), extensions: [] },
        [key.signer],
      );
      lines.push(exportCheckpointLine(lastNote));
    }
  }
  return { lines, lastNote };
}

function failure(run: () => unknown): LedgerError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(LedgerError);
    return error as LedgerError;
  }
  throw new Error('no error');
}

const summary = (report: AuditReport) => ({
  treeSize: report.treeSize,
  rootHash: Buffer.from(report.rootHash).toString('hex'),
  checkpointCount: report.checkpointCount,
  latestSignerKeyIds: report.latestSignerKeyIds,
});

function verifyInChunks(text: string, cuts: readonly number[]): AuditReport {
  const verifier = new ExportChunkVerifier([key.verifier]);
  let start = 0;
  for (const cut of [...cuts, text.length]) {
    verifier.addChunk(text.slice(start, cut));
    start = cut;
  }
  return verifier.finish();
}

describe('core/ledger offline verification from text', () => {
  const { lines, lastNote } = buildExport(7);
  const text = `${lines.join('\n')}\n`;
  const whole = summary(verifyLedgerExport(text, { hasher, trusted: [key.verifier] }));

  describe('parseWitnessCheckpoint', () => {
    const cases = [
      { desc: 'a signed note as text', input: lastNote },
      {
        desc: 'the JSON of GET /ledger/checkpoint',
        input: JSON.stringify({ checkpoint: lastNote }),
      },
      {
        desc: 'a receipt (its checkpoint)',
        input: JSON.stringify({ format: 'anonex-receipt/1', leaf_index: 0, checkpoint: lastNote }),
      },
    ];
    for (const { desc, input } of cases) {
      it(`reads ${desc}`, () => {
        expect(parseWitnessCheckpoint(input, 'held.txt')).to.deep.equal({
          label: 'checkpoint held.txt',
          note: lastNote,
        });
      });
    }

    for (const input of ['{"tree_size": 3}', '{ not json']) {
      it(`refuses ${input} as ledger_malformed_checkpoint`, () => {
        expect(failure(() => parseWitnessCheckpoint(input, 'held.json')).code).to.equal(
          'ledger_malformed_checkpoint',
        );
      });
    }

    it('is compared against the log when verifying', () => {
      const witness = parseWitnessCheckpoint(lastNote, 'held.txt');
      const verifier = new ExportChunkVerifier([key.verifier], [witness]);
      verifier.addChunk(text);
      expect(summary(verifier.finish())).to.deep.equal(whole);
      const forked = buildExport(8).lastNote;
      const mismatched = new ExportChunkVerifier(
        [key.verifier],
        [parseWitnessCheckpoint(forked, 'forked.txt')],
      );
      mismatched.addChunk(text);
      expect(failure(() => mismatched.finish()).code).to.match(/^ledger_/);
    });
  });

  describe('parseReceiptText', () => {
    it('returns the JSON value of a receipt', () => {
      expect(parseReceiptText('{"leaf_index": 4}', 'r.json')).to.deep.equal({ leaf_index: 4 });
    });
    it('refuses text that is not JSON as ledger_malformed_receipt', () => {
      expect(failure(() => parseReceiptText('leaf 4', 'r.json')).code).to.equal(
        'ledger_malformed_receipt',
      );
    });
  });

  describe('ExportChunkVerifier', () => {
    it('gives the whole-text verdict wherever the text is cut', () => {
      // Every cut within two characters of a line end (where a carried line could go wrong), and
      // a stride through the rest: a full sweep verifies ~2,000 times and takes seconds.
      const cuts = new Set<number>();
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
        for (let d = -2; d <= 2; d++) cuts.add(Math.min(Math.max(at + d, 0), text.length));
      }
      for (let cut = 0; cut <= text.length; cut += 37) cuts.add(cut);
      for (const cut of cuts) {
        expect(summary(verifyInChunks(text, [cut])), `cut at ${cut}`).to.deep.equal(whole);
      }
    });

    it('gives it for one-character chunks, CRLF line ends and a last line without newline', () => {
      const cuts = Array.from({ length: text.length - 1 }, (_, i) => i + 1);
      expect(summary(verifyInChunks(text, cuts))).to.deep.equal(whole);
      const crlf = lines.join('\r\n');
      expect(summary(verifyInChunks(crlf, [5, 300]))).to.deep.equal(whole);
    });

    it('names the line of a defect wherever the chunks are cut', () => {
      // The entry of leaf 4 edited, its leaf hash kept: the verifier names that line.
      const edited = lines.findIndex((line) => line.includes('"leaf_index":4'));
      const tampered = lines
        .map((line, i) => (i === edited ? line.replace('\\"n\\":4', '\\"n\\":40') : line))
        .join('\n');
      expect(tampered).to.not.equal(lines.join('\n'));
      const want = failure(() => verifyLedgerExport(tampered, { hasher, trusted: [key.verifier] }));
      expect(want.details.line).to.equal(edited + 1);
      const editAt = tampered.indexOf('\\"n\\":40');
      for (const cut of [0, 100, editAt, editAt + 3, tampered.length - 1]) {
        const got = failure(() => verifyInChunks(tampered, [cut]));
        expect([got.code, got.details.line], `cut at ${cut}`).to.deep.equal([
          want.code,
          want.details.line,
        ]);
      }
    });

    it('refuses an empty export', () => {
      expect(failure(() => new ExportChunkVerifier([key.verifier]).finish()).code).to.equal(
        'ledger_malformed_export',
      );
    });
  });
});
