// A damaged Arrow upload over HTTP (issue 16 item 10): the cases that exhausted the decoder's heap
// or looped it forever are refused with 400 problem+json naming the defect, the engine's worker
// thread that profiles uploads lives on, and the next Arrow upload is profiled and anonymized
// (which found that a job on any Arrow upload failed: it forced the recorded `binary` encoding).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { readTable, writeTable } from '../../src/core/table/index.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import {
  expectStatus,
  followJob,
  HOSPITAL_CSV,
  hospitalMetadata,
} from '../helpers/provider-flow.js';

const corpus = JSON.parse(
  readFileSync(new URL('../fuzz/corpus/readers.json', import.meta.url), 'utf8'),
) as { arrow: { found: string; base64: string }[] };

describe('http: a damaged Arrow upload is refused and the gateway lives on', function () {
  this.timeout(60_000);
  let gateway: TestGateway;
  let provider: TestMember;

  before(async () => {
    gateway = await startTestGateway();
    provider = await gateway.createMember(['provider']);
  });
  after(() => gateway.stop());

  const upload = async (datasetId: string, bytes: Uint8Array) =>
    gateway.request('POST', `/api/v1/datasets/${datasetId}/revisions?filename=visits.arrow`, {
      key: provider.key,
      rawBody: Buffer.from(bytes),
      headers: { 'content-type': 'application/vnd.apache.arrow.file' },
    });

  it('answers 400 naming table_malformed_arrow for each corpus case, then reads a good Arrow upload', async () => {
    const dataset = expectStatus(
      await gateway.request('POST', '/api/v1/datasets', {
        key: provider.key,
        body: { name: 'visits', metadata: hospitalMetadata() },
      }),
      201,
      'create dataset',
    ).json;
    expect(corpus.arrow.length).to.be.greaterThan(0);
    for (const { found, base64 } of corpus.arrow) {
      const reply = await upload(dataset.id, Buffer.from(base64, 'base64'));
      expect(reply.status, found).to.equal(400);
      expect(reply.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(reply.json.type).to.equal('urn:anonex:problem:validation_failed');
      expect(reply.json.errors[0].field).to.equal('body');
      expect(reply.json.errors[0].reason, found).to.match(
        /^table_malformed_arrow: .*\(reason .+\)/,
      );
    }
    const good = writeTable(readTable(HOSPITAL_CSV).table, 'arrow');
    expectStatus(await upload(dataset.id, good), 201, 'good arrow upload');
    const job = expectStatus(
      await gateway.request('POST', '/api/v1/jobs', {
        key: provider.key,
        body: { datasetId: dataset.id, policy: { name: 'hospital-visits' }, seed: 42 },
      }),
      201,
      'queue job',
    ).json;
    const events = await followJob(gateway, provider.key, job.id);
    expect(events.at(-1)?.data.state).to.equal('succeeded');
  });
});
