// Drives the provider → reviewer → listing flow over HTTP for tests: members of three
// organizations, the hospital-visits fixture uploaded and anonymized with its shipped policy,
// a review approved and a listing published. Each step checks its status so failures say where.
import { readFileSync } from 'node:fs';
import type { HttpReply, TestGateway, TestMember } from './gateway.js';

export const HOSPITAL_CSV = readFileSync(
  new URL('../../fixtures/samples/hospital-visits.csv', import.meta.url),
);

export const HOSPITAL_COLUMNS = [
  ['visit_no', '就诊号 visit number'],
  ['patient_name', '姓名 patient name'],
  ['id_number', '身份证号 resident ID'],
  ['sex', '性别 sex'],
  ['birth_date', '出生日期 birth date'],
  ['age', '年龄 age'],
  ['mobile', '手机 mobile'],
  ['address', '住址 address'],
  ['district', '区 district'],
  ['visit_date', '就诊日期 visit date'],
  ['department', '科室 department'],
  ['diagnosis_code', '诊断编码 ICD-10 code'],
  ['diagnosis', '诊断 diagnosis'],
  ['cost_yuan', '费用 cost'],
] as const;

export function hospitalMetadata(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    classification: { subjectCategory: '医疗卫生', securityGrade: 'important' },
    format: 'csv',
    attributes: HOSPITAL_COLUMNS.map(([column, description]) => ({ column, description })),
    updateFrequency: 'monthly',
    sharingType: 'conditional',
    openType: 'conditional',
    sharingMethod: ['download', 'query_api'],
    usageRequirements: '仅用于科研 research use only',
    legalBasis: '《天津市促进大数据发展应用条例》第十六条、第二十九条',
    dataSource: '天津市某综合医院门诊系统 outpatient system of a Tianjin hospital, 2024',
    ...overrides,
  };
}

export const APPROVAL = {
  reasons: 'Identifiers dropped, k=23 and R=0.043 within the public-release threshold.',
  checklist: {
    identifiersChecked: true,
    riskCalculationChecked: true,
    contextAndThresholdAppropriate: true,
    utilityAcceptable: true,
  },
};

export const LISTING_TERMS = {
  title: { zh: '门诊病种构成（脱敏）', en: 'Outpatient case mix (anonymized)' },
  description: {
    zh: '天津某医院2024年门诊记录，按GB/T 42460 L3脱敏。',
    en: 'Outpatient visits of a Tianjin hospital in 2024, anonymized to GB/T 42460 level L3.',
  },
  tags: ['health', '医疗', 'case-mix'],
  priceFen: 500_000,
  licenceTerms: 'Research use only. No re-identification attempts. No onward transfer (Art. 18).',
  permittedPurposes: {
    codes: ['scientific_research', 'statistics'],
    freeText: 'hospital planning',
  },
  accessDurationDays: 365,
  previewRows: 3,
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
