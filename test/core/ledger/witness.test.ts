// Witnesses (C2SP tlog-witness / tlog-cosignature, issue 16 item 14): the honest path cosigns and
// the cosignature verifies; a split view is refused and its evidence verifies offline; a
// checkpoint without enough cosignatures fails naming the missing witnesses.
import { expect } from 'chai';
import {
  LedgerError,
  addSignatureLines,
  acceptCosignatureLines,
  formatAddCheckpointRequest,
  parseAddCheckpointRequest,
  parseSignedNote,
  parseWitnessVkey,
  requireCosignatures,
  rfc9162Hasher as hasher,
  signCheckpoint,
  verifyCosignatures,
  verifySplitViewEvidence,
  witnessAddCheckpoint,
  type AddCheckpointRequest,
  type WitnessContext,
  type WitnessedCheckpoint,
} from '../../../src/core/ledger/index.js';
import { referenceConsistencyProof, referenceRoot } from './reference-tree.js';
import { testKey, testWitness, verifyEd25519 } from './test-keys.js';

const origin = 'anonex.test/ledger';
const exchange = testKey(origin, 1);
const witness = testWitness('witness.member-a.example/w1', 7);
const otherWitness = testWitness('witness.member-b.example/w1', 8);

const leaves = (tag: string, count: number) =>
  Array.from({ length: count }, (_, i) => Buffer.from(`${tag} entry ${i}`));

/** The exchange's signed checkpoint over `entries`. */
const checkpointOf = (entries: readonly Uint8Array[]) =>
  signCheckpoint(
    { origin, treeSize: entries.length, rootHash: referenceRoot(entries), extensions: [] },
    [exchange.signer],
  );

const context: WitnessContext = {
  signer: witness.signer,
  hasher,
  logKeys: new Map([[origin, [exchange.verifier]]]),
  nowSeconds: 1_767_600_000,
};

const honest = leaves('honest', 12);

function request(oldSize: number, entries: readonly Uint8Array[]): AddCheckpointRequest {
  return {
    oldSize,
    consistencyProof: oldSize === 0 ? [] : referenceConsistencyProof(oldSize, entries),
    checkpoint: checkpointOf(entries),
  };
}

describe('core/ledger witness', () => {
  it('formats and parses a witness vkey, refusing a wrong key id', () => {
    const parsed = parseWitnessVkey(witness.vkey, verifyEd25519);
    expect(parsed.name).to.equal(witness.verifier.name);
    expect(witness.vkey).to.match(
      /^witness\.member-a\.example\/w1\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/,
    );
    const wrongId = witness.vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    expect(() => parseWitnessVkey(wrongId, verifyEd25519))
      .to.throw(LedgerError)
      .with.property('code', 'ledger_malformed_cosignature');
  });

  it('round-trips an add-checkpoint body', () => {
    const sent = request(5, honest.slice(0, 9));
    const parsed = parseAddCheckpointRequest(formatAddCheckpointRequest(sent));
    expect(parsed.oldSize).to.equal(5);
    expect(parsed.checkpoint).to.equal(sent.checkpoint);
    expect(parsed.consistencyProof.map((h) => Buffer.from(h).toString('hex'))).to.deep.equal(
      sent.consistencyProof.map((h) => Buffer.from(h).toString('hex')),
    );
  });

  it('honest path: cosigns a first checkpoint, then each consistent successor', () => {
    let held: WitnessedCheckpoint | undefined;
    for (const size of [3, 8, 8, 12]) {
      const outcome = witnessAddCheckpoint(
        request(held?.treeSize ?? 0, honest.slice(0, size)),
        held,
        context,
      );
      if (outcome.kind !== 'cosigned') throw outcome.error;
      held = outcome.next;
      const cosigned = addSignatureLines(
        checkpointOf(honest.slice(0, size)),
        acceptCosignatureLines(
          parseSignedNote(checkpointOf(honest.slice(0, size))).text,
          outcome.cosignature,
          witness.verifier,
        ),
      );
      const found = requireCosignatures(cosigned, [witness.verifier], 1);
      expect(found.map((f) => [f.witness.name, f.timestampSeconds])).to.deep.equal([
        [witness.verifier.name, context.nowSeconds],
      ]);
    }
    expect(held?.treeSize).to.equal(12);
  });

  it('answers 409 with its size when the old size is not the one it holds', () => {
    const held = { treeSize: 8, checkpoint: checkpointOf(honest.slice(0, 8)) };
    const outcome = witnessAddCheckpoint(request(3, honest.slice(0, 12)), held, context);
    expect(outcome).to.include({ kind: 'refused', status: 409, witnessSize: 8 });
  });

  it('refuses a checkpoint not signed by the log (403) or of an unknown origin (404)', () => {
    const forged = signCheckpoint(
      { origin, treeSize: 3, rootHash: referenceRoot(honest.slice(0, 3)), extensions: [] },
      [testKey(origin, 2).signer],
    );
    const unsigned = witnessAddCheckpoint(
      { oldSize: 0, consistencyProof: [], checkpoint: forged },
      undefined,
      context,
    );
    expect(unsigned).to.include({ kind: 'refused', status: 403 });
    const elsewhere = witnessAddCheckpoint(
      {
        oldSize: 0,
        consistencyProof: [],
        checkpoint: signCheckpoint(
          {
            origin: 'other.example/log',
            treeSize: 1,
            rootHash: referenceRoot(honest.slice(0, 1)),
            extensions: [],
          },
          [exchange.signer],
        ),
      },
      undefined,
      context,
    );
    expect(elsewhere).to.include({ kind: 'refused', status: 404 });
  });

  it('split view: refuses a second tree of the same size and its evidence verifies for anyone', () => {
    const held = { treeSize: 8, checkpoint: checkpointOf(honest.slice(0, 8)) };
    const forked = [...honest.slice(0, 5), ...leaves('forked', 3)];
    const outcome = witnessAddCheckpoint(
      { oldSize: 8, consistencyProof: [], checkpoint: checkpointOf(forked) },
      held,
      context,
    );
    if (outcome.kind !== 'refused') throw new Error('cosigned a split view');
    expect(outcome.status).to.equal(409);
    expect(outcome.error.code).to.equal('ledger_split_view');
    // The evidence travels as JSON and is checked with the log certificate and the witness vkey.
    const evidence = JSON.parse(JSON.stringify(outcome.evidence));
    const verified = verifySplitViewEvidence(
      evidence,
      [exchange.verifier],
      hasher,
      parseWitnessVkey(witness.vkey, verifyEd25519),
    );
    expect(verified).to.deep.equal({
      origin,
      kind: 'same_size',
      heldSize: 8,
      offeredSize: 8,
      witness: witness.verifier.name,
    });
    // Edited evidence proves nothing: another witness's key, or a tampered field.
    expect(() =>
      verifySplitViewEvidence(evidence, [exchange.verifier], hasher, otherWitness.verifier),
    )
      .to.throw(LedgerError)
      .with.property('code', 'ledger_malformed_evidence');
    expect(() =>
      verifySplitViewEvidence(
        { ...evidence, refused_at: 1 },
        [exchange.verifier],
        hasher,
        witness.verifier,
      ),
    )
      .to.throw(LedgerError)
      .with.property('code', 'ledger_malformed_evidence');
    // Two copies of one checkpoint are no split view.
    expect(() =>
      verifySplitViewEvidence({ ...evidence, offered: evidence.held }, [exchange.verifier], hasher),
    )
      .to.throw(LedgerError)
      .with.property('code', 'ledger_malformed_evidence');
  });

  it('split view: refuses a larger tree that does not extend the held one (422), with evidence', () => {
    const held = { treeSize: 8, checkpoint: checkpointOf(honest.slice(0, 8)) };
    const forked = [...honest.slice(0, 5), ...leaves('forked', 7)];
    const outcome = witnessAddCheckpoint(
      {
        oldSize: 8,
        consistencyProof: referenceConsistencyProof(8, honest),
        checkpoint: checkpointOf(forked),
      },
      held,
      context,
    );
    if (outcome.kind !== 'refused') throw new Error('cosigned a fork');
    expect(outcome).to.include({ status: 422 });
    expect(outcome.error.code).to.equal('ledger_split_view');
    const verified = verifySplitViewEvidence(outcome.evidence, [exchange.verifier], hasher);
    expect(verified.kind).to.equal('no_consistency');
  });

  it('a checkpoint with too few cosignatures fails naming the missing witnesses', () => {
    const note = checkpointOf(honest.slice(0, 3));
    const outcome = witnessAddCheckpoint(request(0, honest.slice(0, 3)), undefined, context);
    if (outcome.kind !== 'cosigned') throw outcome.error;
    const cosigned = addSignatureLines(note, [outcome.cosignature]);
    const witnesses = [witness.verifier, otherWitness.verifier];
    expect(requireCosignatures(cosigned, witnesses, 1)).to.have.length(1);
    try {
      requireCosignatures(cosigned, witnesses, 2);
      expect.fail('two cosignatures were not required');
    } catch (error) {
      expect(error).to.be.instanceOf(LedgerError);
      expect((error as LedgerError).code).to.equal('ledger_insufficient_cosignatures');
      expect((error as LedgerError).details).to.deep.include({
        required: 2,
        missing: [otherWitness.verifier.name],
      });
    }
    expect(() => requireCosignatures(note, witnesses, 1))
      .to.throw(LedgerError)
      .with.property('code', 'ledger_insufficient_cosignatures');
    // A cosignature moved onto another checkpoint does not verify there.
    const moved = addSignatureLines(checkpointOf(honest.slice(0, 4)), [outcome.cosignature]);
    expect(() => verifyCosignatures(parseSignedNote(moved), witnesses))
      .to.throw(LedgerError)
      .with.property('code', 'ledger_bad_signature');
  });
});
