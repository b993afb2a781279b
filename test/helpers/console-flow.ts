// Drives the real provider workflow through the services of a test gateway (real engine, real
// policy, real fixture sample) up to a report waiting for review, for the console's browser tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestGateway, TestMember } from './gateway.js';
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
): Promise<SubmittedReview> {
  const member = provider ?? (await gateway.createMember(['provider']));
  const dataset = await gateway.services.datasets.createDataset(member.context, {
    name: '门诊就诊记录 outpatient visits',
    metadata: sampleMetadata({
      attributes: [{ column: 'diagnosis', description: '诊断 diagnosis' }],
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
