// Drives the real provider workflow through the services of a test gateway (real engine, real
// policy, real fixture sample) up to a report waiting for review, for the console's browser tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestGateway, TestMember } from './gateway.js';
import { LISTING_TERMS } from '../../scripts/demo/scenario.js';
import { sampleMetadata } from './provider-workflow.js';

export const HOSPITAL_SAMPLE = join(process.cwd(), 'fixtures', 'samples', 'hospital-visits.csv');

export interface SubmittedReview {
  readonly provider: TestMember;
  readonly datasetId: string;
  readonly jobId: string;
  readonly reviewId: string;
}

/** Polls the job until it leaves queued/running (the gateway's job runner does the work). */
export async function waitForJob(
  gateway: TestGateway,
  provider: TestMember,
  jobId: string,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await gateway.services.jobs.getJob(provider.context, jobId);
    if (job.state !== 'queued' && job.state !== 'running') return job;
    if (Date.now() > deadline)
      throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Uploads the hospital sample, anonymizes it with policies/hospital-visits.yaml, submits the report. */
export async function submitHospitalReview(
  gateway: TestGateway,
  provider?: TestMember,
  metadata: Record<string, unknown> = {},
): Promise<SubmittedReview> {
  const member = provider ?? (await gateway.createMember(['provider']));
  const dataset = await gateway.services.datasets.createDataset(member.context, {
    name: '门诊就诊记录 outpatient visits',
    metadata: sampleMetadata({
      attributes: [{ column: 'diagnosis', description: '诊断 diagnosis' }],
      ...metadata,
    }),
  });
  await gateway.services.datasets.uploadRevision(member.context, dataset.id, {
    content: readFileSync(HOSPITAL_SAMPLE),
    format: 'csv',
    filename: 'hospital-visits.csv',
  });
  const job = await gateway.services.jobs.createJob(member.context, {
    datasetId: dataset.id,
    policy: { name: 'hospital-visits' },
    seed: 7,
  });
  const finished = await waitForJob(gateway, member, job.id);
  if (finished.state !== 'succeeded')
    throw new Error(`job ${job.id} ended ${finished.state}: ${JSON.stringify(finished)}`);
  const review = await gateway.services.reviews.submitForReview(member.context, { jobId: job.id });
  return { provider: member, datasetId: dataset.id, jobId: job.id, reviewId: review.id };
}

export interface PublishedHospitalListing extends SubmittedReview {
  readonly reviewer: TestMember;
  readonly listingId: string;
}

/** The hospital report approved by a reviewer of another organization and listed, published. */
export async function publishHospitalListing(
  gateway: TestGateway,
  options: {
    sharingType?: 'unconditional' | 'conditional';
    /** Members to act as (else new ones), e.g. with Chinese display names. */
    provider?: TestMember;
    reviewer?: TestMember;
    metadata?: Record<string, unknown>;
  } = {},
): Promise<PublishedHospitalListing> {
  const submitted = await submitHospitalReview(gateway, options.provider, {
    ...(options.sharingType === 'conditional'
      ? { sharingType: 'conditional', legalBasis: '《天津市促进大数据发展应用条例》第十六条' }
      : {}),
    ...options.metadata,
  });
  const { provider, reviewId } = submitted;
  const reviewer = options.reviewer ?? (await gateway.createMember(['reviewer']));
  await gateway.services.reviews.approveReview(reviewer.context, reviewId, {
    reasons: 'Identifiers dropped, k and R within the threshold.',
    checklist: {
      identifiersChecked: true,
      riskCalculationChecked: true,
      contextAndThresholdAppropriate: true,
      utilityAcceptable: true,
    },
  });
  const listing = await gateway.services.listings.createListing(provider.context, {
    reviewId,
    ...LISTING_TERMS,
  });
  await gateway.services.listings.publishListing(provider.context, listing.id);
  return { ...submitted, reviewer, listingId: listing.id };
}
