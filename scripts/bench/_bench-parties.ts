// Organizations, members and API keys a benchmark needs on a fresh gateway (provider, reviewer,
// buyer), made over the admin API as the demo does; and published listings to browse and buy.
import { readFileSync } from 'node:fs';
import { unifiedSocialCreditCode } from '../../fixtures/generators/credentials.js';
import { createRng } from '../../src/core/rng.js';
import { createClient, type Client } from '../demo/client.js';
import { APPROVAL, HOSPITAL_METADATA, LISTING_TERMS } from '../demo/scenario.js';
import type { LoadRequest } from './_load.js';

const SAMPLE_CSV = new URL('../../fixtures/samples/hospital-visits.csv', import.meta.url);

export interface BenchParties {
  readonly admin: Client;
  readonly provider: Client;
  readonly reviewer: Client;
  readonly buyer: Client;
}

export async function createBenchParties(url: string, adminKey: string): Promise<BenchParties> {
  const admin = createClient(url, adminKey);
  const rng = createRng(15);
  const me = await admin.json('GET', '/api/v1/me', 200);
  const clients: Record<string, Client> = {};
  for (const role of ['provider', 'reviewer', 'buyer'] as const) {
    const organizationId =
      role === 'reviewer'
        ? me.organizationId
        : (
            await admin.json('POST', '/api/v1/admin/organizations', 201, {
              name: `bench ${role}`,
              uscc: unifiedSocialCreditCode(rng, '120104', false),
              kind: 'enterprise',
            })
          ).id;
    const member = await admin.json('POST', '/api/v1/admin/members', 201, {
      organizationId,
      displayName: `bench ${role}`,
      roles: [role],
    });
    const issued = await admin.json('POST', '/api/v1/admin/api-keys', 201, {
      memberId: member.id,
      label: 'bench',
    });
    clients[role] = createClient(url, issued.key);
  }
  return {
    admin,
    provider: clients.provider,
    reviewer: clients.reviewer,
    buyer: clients.buyer,
  };
}

/** The demo's hospital metadata, shared conditionally (the demo's) or unconditionally. */
export function hospitalMetadata(sharingType: 'conditional' | 'unconditional') {
  return sharingType === 'conditional'
    ? HOSPITAL_METADATA
    : { ...HOSPITAL_METADATA, sharingType, openType: sharingType };
}

/**
 * Publishes `count` listings of the 2,000-row hospital sample (one upload, one job, one approved
 * review, `count` listings), with the given sharing type; returns their ids.
 */
export async function publishSampleListings(
  parties: BenchParties,
  count: number,
  sharingType: 'conditional' | 'unconditional',
): Promise<string[]> {
  const { provider } = parties;
  const dataset = await provider.json('POST', '/api/v1/datasets', 201, {
    name: 'bench listings',
    metadata: hospitalMetadata(sharingType),
  });
  await provider.json(
    'POST',
    `/api/v1/datasets/${dataset.id}/revisions?filename=visits.csv`,
    201,
    readFileSync(SAMPLE_CSV),
    'text/csv',
  );
  const job = await provider.json('POST', '/api/v1/jobs', 201, {
    datasetId: dataset.id,
    policy: { name: 'hospital-visits' },
    seed: 42,
  });
  for (;;) {
    const state = (await provider.json('GET', `/api/v1/jobs/${job.id}`, 200)).state;
    if (state === 'succeeded') break;
    if (state !== 'queued' && state !== 'running') throw new Error(`bench job ended ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return publishJobListings(parties, job.id, count);
}

/**
 * Has the reviewer approve job `jobId`'s report and publishes `count` listings of it; returns
 * their ids.
 */
export async function publishJobListings(
  parties: BenchParties,
  jobId: string,
  count: number,
): Promise<string[]> {
  const { provider, reviewer } = parties;
  const review = await provider.json('POST', '/api/v1/reviews', 201, { jobId });
  await reviewer.json('POST', `/api/v1/reviews/${review.id}/approve`, 200, APPROVAL);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const listing = await provider.json('POST', '/api/v1/listings', 201, {
      reviewId: review.id,
      ...LISTING_TERMS,
      title: { zh: `门诊病种构成 ${i}`, en: `Outpatient case mix ${i}` },
    });
    await provider.json('POST', `/api/v1/listings/${listing.id}/publish`, 200);
    ids.push(listing.id);
  }
  return ids;
}

/** `count` buyer organizations, each with one member and API key; returns their keys. */
export async function createBuyerKeys(admin: Client, count: number): Promise<string[]> {
  const rng = createRng(1015);
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const organization = await admin.json('POST', '/api/v1/admin/organizations', 201, {
      name: `bench buyer ${i}`,
      uscc: unifiedSocialCreditCode(rng, '120116', false),
      kind: 'enterprise',
    });
    const member = await admin.json('POST', '/api/v1/admin/members', 201, {
      organizationId: organization.id,
      displayName: `bench buyer ${i}`,
      roles: ['buyer'],
    });
    keys.push(
      (
        await admin.json('POST', '/api/v1/admin/api-keys', 201, {
          memberId: member.id,
          label: 'bench',
        })
      ).key,
    );
  }
  return keys;
}

/**
 * The order requests of every (listing, buyer) pair, listing by listing with every buyer in turn, so
 * concurrent orders come from different buyers; `undefined` once every pair has ordered.
 */
export function orderEveryPair(
  listings: readonly string[],
  buyerKeys: readonly string[],
): (serial: number) => LoadRequest | undefined {
  const pairs = listings.flatMap((listingId) => buyerKeys.map((key) => ({ listingId, key })));
  return (serial) => {
    const pair = pairs[serial];
    return pair === undefined
      ? undefined
      : {
          method: 'POST',
          path: '/api/v1/orders',
          headers: { authorization: `Bearer ${pair.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ listingId: pair.listingId, purpose: 'scientific_research' }),
        };
  };
}
