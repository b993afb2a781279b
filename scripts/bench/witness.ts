// Benchmark: witnesses (issue 16, item 14). What a witness spends per checkpoint it cosigns (open the
// exchange's signature, verify the consistency proof from the last one, cosign), and what a verifier
// spends checking a quorum of cosignatures on a checkpoint, next to checking the exchange signature.
// Pure core, no I/O: the HTTP round trip and the state write of `anonex witness serve` come on top.
// Run: node --import tsx scripts/bench/witness.ts [checkpoints=2000] [leavesPerCheckpoint=256]
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import {
  CompactRange,
  MapSubtreeHashSource,
  addSignatureLines,
  consistencyProof,
  ed25519NoteSigner,
  ed25519WitnessSigner,
  formatWitnessVkey,
  noteVerifierForKey,
  openCheckpoint,
  rawPublicKey,
  requireCosignatures,
  rfc9162Hasher as hasher,
  signCheckpoint,
  witnessAddCheckpoint,
  witnessVerifierFromVkey,
  type WitnessedCheckpoint,
} from '../../src/core/ledger/index.js';

const checkpoints = Number(process.argv[2] ?? 2000);
const leavesPerCheckpoint = Number(process.argv[3] ?? 256);
const origin = 'bench.anonex/ledger';
const key = () =>
  createPrivateKey(
    generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }),
  );
const exchangeKey = key();
const exchange = ed25519NoteSigner(origin, exchangeKey);
const exchangeVerifier = noteVerifierForKey(origin, rawPublicKey(createPublicKey(exchangeKey)));
const witnessKeys = [1, 2, 3].map((n) => {
  const privateKey = key();
  const name = `witness${n}.bench.example/w1`;
  return {
    signer: ed25519WitnessSigner(name, privateKey),
    verifier: witnessVerifierFromVkey(
      formatWitnessVkey(name, rawPublicKey(createPublicKey(privateKey))),
    ),
  };
});

// The log and its stored subtrees, as the sequencer keeps them; one signed checkpoint per batch.
const range = new CompactRange(hasher);
const source = new MapSubtreeHashSource();
const notes: { treeSize: number; note: string }[] = [];
for (let c = 0; c < checkpoints; c++) {
  for (let i = 0; i < leavesPerCheckpoint; i++) {
    const leafHash = hasher.hashLeaf(Buffer.from(`entry ${range.size}`));
    source.set({ level: 0, index: range.size }, leafHash);
    for (const node of range.append(leafHash)) source.set(node, node.hash);
  }
  notes.push({
    treeSize: range.size,
    note: signCheckpoint({ origin, treeSize: range.size, rootHash: range.root(), extensions: [] }, [
      exchange,
    ]),
  });
}
const proofs = notes.map((checkpoint, c) =>
  c === 0 ? [] : consistencyProof(notes[c - 1].treeSize, checkpoint.treeSize, source, hasher),
);

const logKeys = new Map([[origin, [exchangeVerifier]]]);
const cosigned: string[] = [];
const started = process.hrtime.bigint();
for (const witness of witnessKeys) {
  let held: WitnessedCheckpoint | undefined;
  notes.forEach((checkpoint, c) => {
    const outcome = witnessAddCheckpoint(
      { oldSize: held?.treeSize ?? 0, consistencyProof: proofs[c], checkpoint: checkpoint.note },
      held,
      { signer: witness.signer, hasher, logKeys, nowSeconds: 1_767_600_000 + c },
    );
    if (outcome.kind !== 'cosigned') throw outcome.error;
    held = outcome.next;
    cosigned[c] = addSignatureLines(cosigned[c] ?? checkpoint.note, [outcome.cosignature]);
  });
}
const witnessNs = Number(process.hrtime.bigint() - started) / (checkpoints * witnessKeys.length);

const time = (label: string, each: (note: string) => void) => {
  const t0 = process.hrtime.bigint();
  for (const note of cosigned) each(note);
  const ns = Number(process.hrtime.bigint() - t0) / cosigned.length;
  console.log(
    `${label}: ${(ns / 1000).toFixed(1)} µs per checkpoint (${Math.round(1e9 / ns).toLocaleString('en-US')}/s)`,
  );
};

console.log(
  `${checkpoints.toLocaleString('en-US')} checkpoints of ${leavesPerCheckpoint} entries (log of ${range.size.toLocaleString('en-US')}), ` +
    `${witnessKeys.length} witnesses; ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`,
);
console.log(
  `witness add-checkpoint (open + consistency proof of ${proofs.at(-1)?.length ?? 0} hashes + cosign): ` +
    `${(witnessNs / 1000).toFixed(1)} µs per checkpoint (${Math.round(1e9 / witnessNs).toLocaleString('en-US')}/s per witness)`,
);
time(
  'verify the exchange signature only',
  (note) => void openCheckpoint(note, [exchangeVerifier], origin),
);
for (const quorum of [1, 2, 3]) {
  const required = witnessKeys.slice(0, quorum).map((w) => w.verifier);
  time(
    `verify ${quorum} of ${quorum} cosignatures`,
    (note) => void requireCosignatures(note, required, quorum),
  );
}
