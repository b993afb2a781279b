// Drives the provider → reviewer → listing flow over HTTP for tests: members of three
// organizations, the hospital-visits fixture uploaded and anonymized with its shipped policy,
// a review approved and a listing published. Each step checks its status so failures say where.
import { readFileSync } from 'node:fs';
import {
  APPROVAL as DEMO_APPROVAL,
  HOSPITAL_METADATA,
  LISTING_TERMS,
} from '../../scripts/demo/scenario.js';
import type { HttpReply, TestGateway, TestMember } from './gateway.js';

export const HOSPITAL_CSV = readFileSync(
  new URL('../../fixtures/samples/hospital-visits.csv', import.meta.url),
);

// The metadata, approval checklist and listing terms are the demo's (scripts/demo/scenario.ts), so
// the tests drive the very flow `npm run demo` shows.
export { LISTING_TERMS } from '../../scripts/demo/scenario.js';

/** The demo hospital's catalog metadata (seed Art. 10), with `overrides` on top. */
export function hospitalMetadata(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...HOSPITAL_METADATA, ...overrides };
}

export const APPROVAL = {
  reasons: 'Identifiers dropped, k=23 and R=0.043 within the public-release threshold.',
  checklist: DEMO_APPROVAL.checklist,
};

export function expectStatus(reply: HttpReply, status: number, step: string): HttpReply {
  if (reply.status !== status) {
    throw new Error(`${step}: want ${status}, got ${reply.status}: ${reply.text.slice(0, 600)}`);
  }
  return reply;
}

/** Waits until a job ends, following its Server-Sent Events stream; returns the events seen. */
export async function followJob(
  gateway: TestGateway,
  key: string,
  jobId: string,
): Promise<
  { event: string; data: { state: string; progressPct: number; phase: string | null } }[]
> {
  const response = await fetch(`${gateway.url}/api/v1/jobs/${jobId}/events`, {
    headers: { authorization: `Bearer ${key}` },
  });
  if (response.status !== 200)
    throw new Error(`events: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event:'))
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return {
        event: eventLine.slice('event: '.length),
        data: JSON.parse(dataLine.slice('data: '.length)),
      };
    });
}

export interface PublishedFlow {
  readonly provider: TestMember;
  readonly reviewer: TestMember;
  readonly datasetId: string;
  readonly jobId: string;
  readonly reviewId: string;
  readonly listingId: string;
}

/** Upload → job → review → approval → published listing, all over HTTP. */
export async function publishHospitalListing(
  gateway: TestGateway,
  provider: TestMember,
  reviewer: TestMember,
): Promise<PublishedFlow> {
  const key = provider.key;
  const dataset = expectStatus(
    await gateway.request('POST', '/api/v1/datasets', {
      key,
      body: { name: 'Outpatient visits 2024', metadata: hospitalMetadata() },
    }),
    201,
    'create dataset',
  ).json;
  expectStatus(
    await gateway.request('POST', `/api/v1/datasets/${dataset.id}/revisions?filename=visits.csv`, {
      key,
      rawBody: HOSPITAL_CSV,
      headers: { 'content-type': 'text/csv' },
    }),
    201,
    'upload',
  );
  const job = expectStatus(
    await gateway.request('POST', '/api/v1/jobs', {
      key,
      body: { datasetId: dataset.id, policy: { name: 'hospital-visits' }, seed: 42 },
    }),
    201,
    'queue job',
  ).json;
  const events = await followJob(gateway, key, job.id);
  const last = events.at(-1);
  if (last?.data.state !== 'succeeded') throw new Error(`job ended ${JSON.stringify(last)}`);
  const review = expectStatus(
    await gateway.request('POST', '/api/v1/reviews', { key, body: { jobId: job.id } }),
    201,
    'submit review',
  ).json;
  expectStatus(
    await gateway.request('POST', `/api/v1/reviews/${review.id}/approve`, {
      key: reviewer.key,
      body: APPROVAL,
    }),
    200,
    'approve',
  );
  const listing = expectStatus(
    await gateway.request('POST', '/api/v1/listings', {
      key,
      body: { reviewId: review.id, ...LISTING_TERMS },
    }),
    201,
    'create listing',
  ).json;
  expectStatus(
    await gateway.request('POST', `/api/v1/listings/${listing.id}/publish`, { key }),
    200,
    'publish',
  );
  return {
    provider,
    reviewer,
    datasetId: dataset.id,
    jobId: job.id,
    reviewId: review.id,
    listingId: listing.id,
  };
}
