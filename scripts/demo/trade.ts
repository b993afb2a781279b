// The demo's trade over the HTTP API, from upload to an offline-verified ledger: organizations,
// members and keys, a dataset anonymized and reviewed, a listing published, an access request
// approved, an order, a query and a download, the receipt and the ledger verified offline.
// `npm run demo` runs it and prints each step; `npm run screenshots` runs it to have every page
// filled before it photographs the console.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../src/core/rng.js';
import type { RunningGateway } from '../../src/gateway.js';
import { verifyExportFile, verifyReceiptFile } from '../../src/cli/ledger-files.js';
import { unifiedSocialCreditCode } from '../../fixtures/generators/credentials.js';
import { createClient, followJob, progressReporter, step } from './client.js';
import {
  APPROVAL,
  ACCESS_REQUEST,
  HOSPITAL_METADATA,
  LISTING_TERMS,
  ORGANIZATIONS,
} from './scenario.js';

/** What the trade created: each role's API key (and the admin's) and the objects' ids. */
export interface DemoTrade {
  readonly keys: Record<string, string>;
  readonly ids: {
    readonly datasetId: string;
    readonly jobId: string;
    readonly reviewId: string;
    readonly listingId: string;
    readonly accessRequestId: string;
    readonly entitlementId: string;
  };
}

/** Every step of the trade over the HTTP API; returns each role's API key and the objects' ids. */
export async function runDemoTrade(gateway: RunningGateway, dataDir: string): Promise<DemoTrade> {
  if (gateway.bootstrap.kind !== 'created')
    throw new Error(`${dataDir} already holds a gateway: use a fresh --data-dir`);
  const admin = createClient(gateway.url, gateway.bootstrap.key);
  step('gateway', `${gateway.url} on ${dataDir}`);

  // Organizations, members and keys (the administrator of the exchange does this once).
  const rng = createRng(2019);
  const keys: Record<string, string> = {};
  const orgIds: Record<string, string> = {};
  for (const org of ORGANIZATIONS) {
    const organization =
      org.role === 'reviewer'
        ? { id: gateway.bootstrap.organization.id }
        : await admin.json('POST', '/api/v1/admin/organizations', 201, {
            name: org.name,
            uscc: unifiedSocialCreditCode(rng, org.regionCode, false),
            kind: org.kind,
          });
    const member = await admin.json('POST', '/api/v1/admin/members', 201, {
      organizationId: organization.id,
      displayName: org.member,
      roles: [org.role],
    });
    const issued = await admin.json('POST', '/api/v1/admin/api-keys', 201, {
      memberId: member.id,
      label: 'demo',
    });
    keys[org.role] = issued.key;
    orgIds[org.role] = organization.id;
    step('organization', `${org.name} (${org.role}): member ${member.id}`);
  }
  const provider = createClient(gateway.url, keys.provider);
  const reviewer = createClient(gateway.url, keys.reviewer);
  const buyer = createClient(gateway.url, keys.buyer);

  const csv = readFileSync('fixtures/samples/hospital-visits.csv');
  const dataset = await provider.json('POST', '/api/v1/datasets', 201, {
    name: '门诊就诊记录 2024 outpatient visits',
    metadata: HOSPITAL_METADATA,
  });
  const revision = await provider.json(
    'POST',
    `/api/v1/datasets/${dataset.id}/revisions?filename=hospital-visits.csv`,
    201,
    csv,
    'text/csv',
  );
  step('upload', `${csv.length} bytes, raw sha256 ${revision.rawSha256 ?? sha256(csv)}`);
  reportDetection(revision);

  const job = await provider.json('POST', '/api/v1/jobs', 201, {
    datasetId: dataset.id,
    policy: { name: 'hospital-visits' },
    seed: 42,
  });
  const finalState = await followJob(provider, job.id, progressReporter('anonymize'));
  const done = await provider.json('GET', `/api/v1/jobs/${job.id}`, 200);
  if (finalState !== 'succeeded')
    throw new Error(`job ${job.id} ended ${finalState}: ${String(done.failureReason)}`);
  const output = done.output ?? {};
  if (output.gatePassed !== true)
    throw new Error(`job ${job.id}: the gate refused: ${JSON.stringify(output.summary)}`);
  step(
    'anonymize',
    `job ${job.id}: GB/T 42460 level ${output.level}, gate passed; ${summary(output.summary)}`,
  );
  step('report', `report sha256 ${output.reportSha256}`);
  step('artifact', `${output.artifactSizeBytes} bytes, sha256 ${output.artifactSha256}`);

  const review = await provider.json('POST', '/api/v1/reviews', 201, { jobId: job.id });
  await reviewer.json('POST', `/api/v1/reviews/${review.id}/approve`, 200, APPROVAL);
  step('review', `${review.id} approved by the compliance team`);
  const listing = await provider.json('POST', '/api/v1/listings', 201, {
    reviewId: review.id,
    ...LISTING_TERMS,
  });
  await provider.json('POST', `/api/v1/listings/${listing.id}/publish`, 200);
  step('publish', `listing ${listing.id}, price ${LISTING_TERMS.priceFen / 100} yuan`);

  const found = await buyer.json('GET', `/api/v1/catalog?q=${encodeURIComponent('门诊')}`, 200);
  step('catalog', `buyer finds ${found.total} listing(s)`);
  const request = await buyer.json('POST', '/api/v1/access-requests', 201, {
    listingId: listing.id,
    ...ACCESS_REQUEST,
  });
  step(
    'access request',
    `${request.id}: the provider must answer by ${request.deadlineLocal} (two working days, Art. 17)`,
  );
  await provider.json('POST', `/api/v1/access-requests/${request.id}/approve`, 200, {});
  step('access approved', request.id);
  const order = await buyer.json('POST', '/api/v1/orders', 201, {
    listingId: listing.id,
    accessRequestId: request.id,
  });
  step('trade', `${order.trade.id}, entitlement ${order.entitlement.id}`);

  const answer = await buyer.json(
    'POST',
    `/api/v1/entitlements/${order.entitlement.id}/query`,
    200,
    {
      groupBy: ['department'],
      aggregates: [{ fn: 'count', as: 'visits' }],
      orderBy: [{ column: 'visits', direction: 'desc' }],
      limit: 3,
    },
  );
  step(
    'query',
    `top departments ${JSON.stringify(answer.rows)}, ${answer.suppressedGroups} group(s) below k suppressed`,
  );
  const download = await buyer.raw(
    'GET',
    `/api/v1/entitlements/${order.entitlement.id}/download?format=csv`,
    200,
  );
  step(
    'download',
    `${download.body.length} bytes, sha256 ${sha256(download.body)}, watermark ${download.headers.get('anonex-watermark')}`,
  );

  const receipt = await buyer.poll(`/api/v1/trades/${order.trade.id}/receipt`);
  const certificate = await buyer.raw('GET', '/api/v1/ledger/certificate', 200);
  const certPath = join(dataDir, 'exchange-certificate.pem');
  const receiptPath = join(dataDir, 'trade-receipt.json');
  writeFileSync(certPath, certificate.body);
  writeFileSync(receiptPath, JSON.stringify(receipt));
  const verified = verifyReceiptFile(receiptPath, certPath);
  step(
    'receipt',
    `leaf ${receipt.leaf_index} verified offline under a signed checkpoint of ${verified.checkpoint.checkpoint.treeSize} entries`,
  );
  const exportPath = join(dataDir, 'ledger.jsonl');
  const lines: string[] = [];
  await gateway.services.ledger.flush();
  await gateway.services.ledger.exportLedger(async (line: string) => void lines.push(line));
  writeFileSync(exportPath, `${lines.join('\n')}\n`);
  const audit = await verifyExportFile(exportPath, certPath, [receiptPath]);
  step(
    'ledger',
    `${audit.treeSize} entries, ${audit.checkpointCount} checkpoints verified offline; root ${Buffer.from(audit.rootHash).toString('base64')}`,
  );

  const checkpoint = await buyer.json('GET', '/api/v1/ledger/checkpoint', 200);
  step('checkpoint', checkpoint.checkpoint.split('\n').slice(0, 3).join(' | '));
  const entries = await buyer.json(
    'GET',
    `/api/v1/ledger/entries?start=0&end=${audit.treeSize}`,
    200,
  );
  const kinds = entries.entries.map((e: { entry: string }) => {
    const event = JSON.parse(e.entry) as Record<string, unknown>;
    return String(event.type ?? event.kind ?? event.event ?? '?');
  });
  step('ledger entries', kinds.join(', '));

  keys.admin = gateway.bootstrap.key;
  return {
    keys,
    ids: {
      datasetId: dataset.id,
      jobId: job.id,
      reviewId: review.id,
      listingId: listing.id,
      accessRequestId: request.id,
      entitlementId: order.entitlement.id,
    },
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The job summary's key figures: rows in and out, suppressed, k and GB/T 42460 R. */
function summary(value: unknown): string {
  const s = (value ?? {}) as Record<string, unknown>;
  const R = typeof s.gbt42460R === 'number' ? s.gbt42460R.toFixed(4) : String(s.gbt42460R);
  return `${String(s.inputRows)} rows in, ${String(s.rows)} out (${String(s.suppressed)} suppressed), k ${String(s.k)}, R ${R}`;
}

function reportDetection(revision: Record<string, unknown>): void {
  const profile = revision.profile as
    | { columns?: { name: string; direct_identifier?: boolean; findings?: { kind: string }[] }[] }
    | undefined;
  const found = (profile?.columns ?? []).filter((column) => column.direct_identifier);
  step(
    'detect',
    found.length === 0
      ? 'no profile returned'
      : found.map((c) => `${c.name}=${c.findings?.[0]?.kind}`).join(', '),
  );
}
