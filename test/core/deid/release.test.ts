import { expect } from 'chai';
import { createHash } from 'node:crypto';
import {
  collectArtifact,
  DeidError,
  parsePolicy,
  runRelease,
  toGateRefusedError,
  type ReleaseRequest,
  type ReleaseWorld,
} from '../../../src/core/deid/index.js';
import { readTable, toColumnTable } from '../../../src/core/table/index.js';
import { createRng } from '../../../src/core/rng.js';

const NOW = Date.UTC(2026, 10, 27, 8, 0);
const SHA = 'a'.repeat(64);

/** 60 visits, 3 districts × 2 sexes, ages 30–59: every (district, sex) class holds 10. */
function visits() {
  const rng = createRng(5);
  const rows = Array.from({ length: 60 }, (_, i) => [
    `P${1000 + i}`,
    i % 2 ? '男' : '女',
    ['河西区', '南开区', '和平区'][i % 3],
    ['高血压', '糖尿病', '哮喘'][rng.nextInt(3)],
  ]);
  return toColumnTable(
    ['patient_no', 'sex', 'district', 'diagnosis'],
    [0, 1, 2, 3].map((j) => rows.map((r) => r[j])),
  );
}

const policy = (patientNo: string) =>
  parsePolicy(`name: visits
version: 1
mode: listing
columns:
  patient_no: { role: identifier, transform: ${patientNo} }
  sex:        { role: quasi }
  district:   { role: quasi }
  diagnosis:  { role: sensitive }
privacy: { k: 5, context: enclave, attempt: { deliberate: 0.2, inadvertent: 0.1, breach: 0.1 } }
`);

function request(transform: string): ReleaseRequest {
  return {
    table: visits(),
    policy: policy(transform),
    policySha256: SHA,
    hierarchies: {},
    seed: 3,
    nowMs: NOW,
    input: { sha256: SHA, format: 'csv' },
    artifact: { format: 'csv', formulaGuard: true },
    software: { name: 'anonex', version: '0.0.0-test' },
  };
}

/** A world that records what the release asked of it. */
function recordingWorld() {
  const keys: Uint8Array[] = [];
  const sink = collectArtifact();
  let writes = 0;
  const world: ReleaseWorld = {
    randomBytes: (length) => {
      const bytes = new Uint8Array(length).fill(7);
      keys.push(bytes);
      return bytes;
    },
    writeArtifact: (chunks) => {
      writes++;
      return sink(chunks);
    },
  };
  return { world, keys, sink, writes: () => writes };
}

describe('core/deid runRelease', () => {
  it('writes the artifact once, hashes what it wrote and reports it', () => {
    const { world, sink, writes } = recordingWorld();
    const release = runRelease(request('pseudonym'), world);
    expect(writes()).to.equal(1);
    const bytes = sink.bytes();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(release.output).to.deep.equal({
      rows: 60,
      columns: ['patient_no', 'sex', 'district', 'diagnosis'],
      sha256,
    });
    expect(release.report.output).to.deep.equal(release.output);
    expect(release.report.verdict.pass).to.equal(true);
    expect(readTable(bytes).table.numRows()).to.equal(60);
    expect(release.level).to.equal(release.result.privacy!.gbt42460.level);
  });

  it('draws the pseudonym key from the world and wipes it after the run', () => {
    const { world, keys } = recordingWorld();
    const release = runRelease(request('pseudonym'), world);
    expect(keys[0]).to.have.length(32);
    expect([...keys[0]].every((b) => b === 0)).to.equal(true);
    // The key was 7s while the pipeline ran: the pseudonyms are HMACs under it, not under zeros.
    const zeros = runRelease(request('pseudonym'), {
      ...world,
      randomBytes: (n) => new Uint8Array(n),
    });
    expect(release.result.output!.array('patient_no')[0]).to.not.equal(
      zeros.result.output!.array('patient_no')[0],
    );
  });

  it("orders a listing's rows from the secure source, not the seed", () => {
    const withBytes = (fill: (i: number) => number) =>
      runRelease(request('pseudonym'), {
        randomBytes: (n) => Uint8Array.from({ length: n }, (_, i) => fill(i)),
        writeArtifact: collectArtifact(),
      }).result;
    const a = withBytes((i) => (i * 31 + 7) & 0xff);
    const b = withBytes((i) => (i * 17 + 3) & 0xff);
    expect(a.rowOrder).to.equal('secure-random');
    // Same seed, other secure bytes: the same rows in another order.
    const rows = (r: typeof a) =>
      (r.output!.objects() as Record<string, string>[]).map(
        (o) => `${o.sex}${o.district}${o.diagnosis}`,
      );
    expect(rows(a)).to.not.deep.equal(rows(b));
    expect([...rows(a)].sort()).to.deep.equal([...rows(b)].sort());
  });

  it('writes nothing when the gate refuses and still reports why', () => {
    const { world, writes } = recordingWorld();
    const release = runRelease(request('tokenize'), world);
    expect(writes()).to.equal(0);
    expect(release.output).to.equal(undefined);
    expect(release.report.output).to.equal(null);
    expect(release.report.verdict.pass).to.equal(false);
    const error = toGateRefusedError(release.result.verdict, 'refused');
    expect(error).to.be.instanceOf(DeidError);
    expect(error.code).to.equal('deid_gate_refused');
    expect(error.issues).to.deep.equal([
      {
        field: 'patient_no',
        reason:
          'column patient_no: step tokenize is reversible (Art. 29: data must not be restorable)',
      },
    ]);
  });
});
