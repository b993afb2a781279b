import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/core/clock.js';
import { startGateway, type RunningGateway } from '../../src/gateway.js';
import { sequentialIds } from '../../src/services/ids.js';
import { updateJobIfState } from '../../src/store/repositories/anonymization-jobs.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { nextTestUscc, startTestGateway, TEST_START_MS } from '../helpers/gateway.js';
import { expectStatus, HOSPITAL_CSV, hospitalMetadata } from '../helpers/provider-flow.js';

describe('http/provider-jobs: upload limits and a job across a gateway restart', function () {
  this.timeout(60_000);

  it('refuses uploads above MAX_UPLOAD_BYTES with 413, declared or streamed', async () => {
    const gateway = await startTestGateway({ env: { MAX_UPLOAD_BYTES: '1000' } });
    try {
      const provider = await gateway.createMember(['provider']);
      const dataset = expectStatus(
        await gateway.request('POST', '/api/v1/datasets', {
          key: provider.key,
          body: { name: 'too big', metadata: hospitalMetadata() },
        }),
        201,
        'create',
      ).json;
      const path = `/api/v1/datasets/${dataset.id}/revisions`;
      const declared = await gateway.request('POST', path, {
        key: provider.key,
        rawBody: HOSPITAL_CSV,
        headers: { 'content-type': 'text/csv' },
      });
      expect(declared.status).to.equal(413);
      expect(declared.json.code).to.equal('payload_too_large');
      // Chunked: no Content-Length, so the limit is enforced while streaming into the blob store.
      const streamed = await fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${provider.key}`, 'content-type': 'text/csv' },
        body: Readable.toWeb(
          Readable.from([HOSPITAL_CSV.subarray(0, 800), HOSPITAL_CSV.subarray(800, 1600)]),
        ) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).to.equal(413);
      expect((await streamed.json()).code).to.equal('blob_too_large');
      const after = await gateway.request('GET', `/api/v1/datasets/${dataset.id}`, {
        key: provider.key,
      });
      expect(after.json.latestRevision).to.equal(0);
    } finally {
      await gateway.stop();
    }
  });

  describe('a job survives a gateway restart', () => {
    let testDb: TestDatabase;
    let dataDir: string;
    const clock = new ManualClock(TEST_START_MS);
    const ids = sequentialIds();
    const start = (): Promise<RunningGateway> =>
      startGateway(
        loadConfig({
          HOST: '127.0.0.1',
          PORT: '0',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'silent',
          SHUTDOWN_GRACE_MS: '1000',
        }),
        { db: testDb.db, clock, ids, announce: () => undefined },
      );
    const call = async (
      gateway: RunningGateway,
      method: string,
      path: string,
      key: string,
      body?: unknown,
    ) => {
      const response = await fetch(`${gateway.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : undefined };
    };

    before(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'anonex-restart-'));
    });
    after(async () => {
      await testDb?.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('requeues the job of a worker that died and finishes it in the next process', async () => {
      testDb = await createTestDatabase();
      const first = await start();
      if (first.bootstrap.kind !== 'created') throw new Error('expected a first start');
      const adminKey = first.bootstrap.key;
      // The first process's job runner dies: it will never pick anything up again.
      await first.services.jobRunner.stop();
      const organization = (
        await call(first, 'POST', '/api/v1/admin/organizations', adminKey, {
          name: 'Hospital',
          uscc: nextTestUscc(),
          kind: 'public-service',
        })
      ).json;
      const member = (
        await call(first, 'POST', '/api/v1/admin/members', adminKey, {
          organizationId: organization.id,
          displayName: 'provider',
          roles: ['provider'],
        })
      ).json;
      const key = (
        await call(first, 'POST', '/api/v1/admin/api-keys', adminKey, {
          memberId: member.id,
          label: 'k',
        })
      ).json.key as string;
      const dataset = (
        await call(first, 'POST', '/api/v1/datasets', key, {
          name: 'visits',
          metadata: hospitalMetadata(),
        })
      ).json;
      const upload = await fetch(`${first.url}/api/v1/datasets/${dataset.id}/revisions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
        body: HOSPITAL_CSV,
      });
      expect(upload.status).to.equal(201);
      const job = (
        await call(first, 'POST', '/api/v1/jobs', key, {
          datasetId: dataset.id,
          policy: { name: 'hospital-visits' },
        })
      ).json;
      // As if that runner had claimed the job and the process was killed mid-run.
      expect(
        await updateJobIfState(testDb.db, job.id, 'queued', {
          state: 'running',
          phase: 'transforming',
          progressPct: 15,
          attempts: 1,
          workerId: 'dead-process',
          leaseExpiresAtMs: clock.nowMs() + 60_000,
        }),
      ).to.equal(true);
      await first.stop();

      clock.advance(60_001);
      const second = await start();
      try {
        let current = (await call(second, 'GET', `/api/v1/jobs/${job.id}`, key)).json;
        for (let i = 0; i < 200 && !['succeeded', 'failed'].includes(current.state); i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          current = (await call(second, 'GET', `/api/v1/jobs/${job.id}`, key)).json;
        }
        expect(current).to.include({ state: 'succeeded', attempts: 2, progressPct: 100 });
        expect(current.output.level).to.equal('L3');
        const actions = await testDb
          .db('audit_log')
          .where({ target: job.id })
          .orderBy('id')
          .pluck('action');
        expect(actions).to.deep.equal([
          'job.queued',
          'job.requeued',
          'job.started',
          'job.succeeded',
        ]);
      } finally {
        await second.stop();
      }
    });
  });
});
