// The deployment of several machines, on one machine: two gateways on two data directories, one
// database (PostgreSQL when DATABASE_URL is set, else one SQLite file), one S3-compatible bucket
// (s3rver) and one ANONEX_MASTER_KEY. A job is run by whichever gateway claims it, whichever took
// the upload; a trade is downloaded from either; the ledger verifies with one entry per trade.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createBenchParties, type BenchParties } from '../../scripts/bench/_bench-parties.js';
import { createClient, type Client } from '../../scripts/demo/client.js';
import {
  ACCESS_REQUEST,
  APPROVAL,
  HOSPITAL_METADATA,
  LISTING_TERMS,
} from '../../scripts/demo/scenario.js';
import { verifyExportFile } from '../../src/cli/ledger-files.js';
import { loadConfig } from '../../src/config.js';
import { startGateway, type RunningGateway } from '../../src/gateway.js';
import { databaseKind, openDatabase } from '../../src/store/db.js';
import { HOSPITAL_CSV } from '../helpers/provider-flow.js';
import { startTestS3Server, type TestS3Server } from '../helpers/s3-server.js';

const POLL_MS = 200;

async function waitForJob(client: Client, jobId: string): Promise<Record<string, unknown>> {
  for (;;) {
    const job = await client.json('GET', `/api/v1/jobs/${jobId}`, 200);
    if (job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

describe('http: two gateways on two data directories, one database, one bucket', function () {
  this.timeout(180_000);
  let s3: TestS3Server;
  const dataDirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'anonex-two-')));
  const gateways: RunningGateway[] = [];
  let dropSchema: (() => Promise<void>) | undefined;
  /** The same member's client on gateway 0 and gateway 1. */
  let on: [BenchParties, BenchParties];

  before(async () => {
    s3 = await startTestS3Server();
    const postgres = process.env.DATABASE_URL;
    const database: Record<string, string> =
      postgres !== undefined && databaseKind(postgres) === 'postgres'
        ? { DATABASE_URL: postgres, DATABASE_SCHEMA: `test_${randomBytes(6).toString('hex')}` }
        : { DATABASE_URL: `sqlite:${join(dataDirs[0], 'shared.sqlite')}` };
    const env = {
      ...s3.env('deployment/'),
      ...database,
      ANONEX_MASTER_KEY: randomBytes(32).toString('hex'),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      LEDGER_ORIGIN: 'anonex.test/two-gateways',
      LEDGER_BATCH_MAX_MS: '20',
    };
    for (const dataDir of dataDirs) {
      gateways.push(
        await startGateway(loadConfig({ ...env, DATA_DIR: dataDir }), {
          logger: pino({ level: 'silent' }),
          announce: () => undefined,
        }),
      );
    }
    if (database.DATABASE_SCHEMA !== undefined) {
      dropSchema = async () => {
        const db = await openDatabase({ url: database.DATABASE_URL });
        await db.raw('drop schema if exists ?? cascade', [database.DATABASE_SCHEMA]);
        await db.destroy();
      };
    }
    const first = gateways[0].bootstrap;
    if (first.kind !== 'created') throw new Error('expected a first start');
    expect(gateways[1].bootstrap.kind).to.equal('existing');
    const parties = await createBenchParties(gateways[0].url, first.key);
    on = [
      parties,
      {
        admin: parties.admin,
        provider: rebase(parties.provider, gateways[1].url),
        reviewer: rebase(parties.reviewer, gateways[1].url),
        buyer: rebase(parties.buyer, gateways[1].url),
      },
    ];
  });

  after(async () => {
    for (const gateway of gateways) await gateway.stop();
    await dropSchema?.();
    await s3?.stop();
    for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Uploads through gateway `via` while only gateway `runner` runs jobs; returns the job. */
  async function jobUploadedOnRunOn(via: 0 | 1, runner: 0 | 1): Promise<string> {
    const idle = gateways[1 - runner].services.jobRunner;
    await idle.stop();
    gateways[runner].services.jobRunner.start();
    const provider = on[via].provider;
    const dataset = await provider.json('POST', '/api/v1/datasets', 201, {
      name: `visits via ${via}`,
      metadata: HOSPITAL_METADATA,
    });
    await provider.json(
      'POST',
      `/api/v1/datasets/${dataset.id}/revisions?filename=visits.csv`,
      201,
      HOSPITAL_CSV,
      'text/csv',
    );
    const job = await provider.json('POST', '/api/v1/jobs', 201, {
      datasetId: dataset.id,
      policy: { name: 'hospital-visits' },
      seed: 42,
    });
    const done = await waitForJob(on[via].provider, job.id);
    expect(done.state, JSON.stringify(done)).to.equal('succeeded');
    idle.start();
    return job.id;
  }

  async function publish(via: 0 | 1, jobId: string): Promise<string> {
    const { provider, reviewer } = on[via];
    const review = await provider.json('POST', '/api/v1/reviews', 201, { jobId });
    await on[1 - via].reviewer.json('POST', `/api/v1/reviews/${review.id}/approve`, 200, APPROVAL);
    void reviewer;
    const listing = await provider.json('POST', '/api/v1/listings', 201, {
      reviewId: review.id,
      ...LISTING_TERMS,
    });
    await provider.json('POST', `/api/v1/listings/${listing.id}/publish`, 200);
    return listing.id;
  }

  async function buy(
    via: 0 | 1,
    listingId: string,
  ): Promise<{ tradeId: string; entitlementId: string }> {
    const request = await on[via].buyer.json('POST', '/api/v1/access-requests', 201, {
      listingId,
      ...ACCESS_REQUEST,
    });
    await on[1 - via].provider.json(
      'POST',
      `/api/v1/access-requests/${request.id}/approve`,
      200,
      {},
    );
    const order = await on[via].buyer.json('POST', '/api/v1/orders', 201, {
      listingId,
      accessRequestId: request.id,
    });
    return { tradeId: order.trade.id, entitlementId: order.entitlement.id };
  }

  it('runs jobs on either gateway, serves downloads from either, and keeps one ledger', async () => {
    // An upload taken by one gateway and anonymized by the other, both ways round.
    const jobs = [await jobUploadedOnRunOn(0, 1), await jobUploadedOnRunOn(1, 0)];
    // Neither data directory holds a blob: they are all in the bucket.
    for (const dataDir of dataDirs) {
      const blobs = join(dataDir, 'blobs');
      expect(existsSync(blobs) ? readdirSync(blobs) : []).to.deep.equal([]);
    }
    const listings = [await publish(0, jobs[0]), await publish(1, jobs[1])];
    const trades = [await buy(1, listings[0]), await buy(0, listings[1])];
    for (const { entitlementId } of trades) {
      const bodies = await Promise.all(
        on.map((parties) =>
          parties.buyer.raw(
            'GET',
            `/api/v1/entitlements/${entitlementId}/download?format=csv`,
            200,
          ),
        ),
      );
      expect(bodies[0].body.length).to.be.above(1000);
      expect(bodies[1].body.equals(bodies[0].body)).to.equal(true);
      expect(bodies[1].headers.get('anonex-watermark')).to.equal(
        bodies[0].headers.get('anonex-watermark'),
      );
    }
    // Either gateway may seal a batch, so each holds the checkpoint keys (shared through the bucket).
    const keyFiles = dataDirs.map((dataDir) => readdirSync(join(dataDir, 'ledger', 'keys')).sort());
    expect(keyFiles[0]).to.have.length(2);
    expect(keyFiles[1]).to.deep.equal(keyFiles[0]);
    for (const gateway of gateways) await gateway.services.ledger.flush();
    const certificate = await on[1].buyer.raw('GET', '/api/v1/ledger/certificate', 200);
    const lines: string[] = [];
    await gateways[1].services.ledger.exportLedger(async (line: string) => void lines.push(line));
    const exportPath = join(dataDirs[1], 'ledger.jsonl');
    const certificatePath = join(dataDirs[1], 'exchange.pem');
    writeFileSync(exportPath, `${lines.join('\n')}\n`);
    writeFileSync(certificatePath, certificate.body);
    const audit = await verifyExportFile(exportPath, certificatePath);
    expect(audit.treeSize).to.be.above(0);
    const tradeEntries = lines
      .map((line) => JSON.parse(line) as { entry?: string })
      .filter((record) => record.entry !== undefined)
      .map((record) => JSON.parse(record.entry as string) as { kind?: string; trade_id?: string })
      .filter((event) => event.kind === 'trade');
    expect(tradeEntries.map((event) => event.trade_id).sort()).to.deep.equal(
      trades.map((trade) => trade.tradeId).sort(),
    );
  });

  it("refuses to start a gateway whose ANONEX_MASTER_KEY differs from the deployment's", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'anonex-two-'));
    try {
      const config = loadConfig({
        ...s3.env('deployment/'),
        DATA_DIR: dataDir,
        DATABASE_URL: `sqlite:${join(dataDir, 'own.sqlite')}`,
        ANONEX_MASTER_KEY: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'silent',
      });
      const error = await startGateway(config, {
        logger: pino({ level: 'silent' }),
        announce: () => undefined,
      }).then(
        (gateway) => gateway.stop().then(() => undefined),
        (failure: unknown) => failure,
      );
      expect(error).to.have.property('code', 'master_key_mismatch');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** The same member's client against another gateway. */
function rebase(client: Client, url: string): Client {
  return createClient(url, client.key);
}
