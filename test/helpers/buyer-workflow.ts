// Fixtures for the buyer workflow's tests: a published listing (dataset, job, review and listing rows
// inserted directly) over a real anonymized artifact in the blob store, and principals of each side.
import { createHash, randomBytes } from 'node:crypto';
import type { ServiceDeps } from '../../src/services/deps.js';
import { FileBlobStore } from '../../src/store/file-blob-store.js';
import type { TestGateway } from './gateway.js';
import type { RequestContext } from '../../src/services/request-context.js';
import { contextOf, createServiceFixture, type ServiceFixture } from './service-fixture.js';

export { contextOf } from './service-fixture.js';

/** 2026-01-05T09:00:00Z: Monday 17:00 in Shanghai. */
export const BUYER_START_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

export type BuyerFixture = ServiceFixture;

/** ServiceDeps over a fresh test database and a temp blob store, with a ManualClock. */
export function createBuyerFixture(): Promise<BuyerFixture> {
  return createServiceFixture({ startMs: BUYER_START_MS, tempPrefix: 'anonex-buyer-' });
}

export interface ListingFixtureOptions {
  readonly sharingType?: 'unconditional' | 'conditional' | 'none';
  readonly state?: 'draft' | 'published' | 'suspended' | 'retired' | 'revoked';
  readonly permittedPurposes?: readonly string[];
  readonly accessDurationDays?: number;
  readonly priceFen?: number;
  /** CSV text of the anonymized artifact; default: 240 rows of age band, region, sex, visits. */
  readonly artifactCsv?: string;
  readonly providerOrganizationId?: string;
}

export interface ListingFixture {
  readonly listingId: string;
  readonly providerOrganizationId: string;
  readonly artifactSha256: string;
  readonly rawSha256: string;
  readonly columns: readonly string[];
}

/** 240 rows; every (age_band, sex) class has at least 20 rows, some (region, sex) pairs are rare. */
export function sampleArtifactCsv(): string {
  const bands = ['20-29', '30-39', '40-49', '50-59'];
  const regions = ['120101', '120102', '120103', '120104', '120105', '120106'];
  const lines = ['age_band,region,sex,visits'];
  for (let i = 0; i < 240; i++) {
    lines.push(
      `${bands[i % 4]},${regions[(i * 7) % 6]},${i % 3 === 0 ? 'F' : 'M'},${(i * 37) % 23}`,
    );
  }
  return lines.join('\n');
}

let serial = 0;

/** Inserts a listing with every row it references; the artifact goes to the blob store as non-raw. */
export async function createListingFixture(
  deps: ServiceDeps,
  options: ListingFixtureOptions = {},
): Promise<ListingFixture> {
  serial += 1;
  const suffix = String(serial).padStart(4, '0');
  const providerOrganizationId = options.providerOrganizationId ?? `org_provider_${suffix}`;
  const nowMs = deps.clock.nowMs();
  const csv = options.artifactCsv ?? sampleArtifactCsv();
  const artifact = await deps.blobs.put(Buffer.from(csv, 'utf8'), { raw: false });
  const raw = await deps.blobs.put(
    Buffer.from(`name,id\n张伟,11010519491231002X\n${suffix}`, 'utf8'),
    { raw: true },
  );
  const columns = csv.split('\n')[0].split(',');
  const metadata = {
    classification: { subjectCategory: '医疗卫生 health', securityGrade: 'general' },
    format: 'csv',
    attributes: columns.map((column) => ({ column, description: `column ${column}` })),
    sharingType: options.sharingType ?? 'unconditional',
  };
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');
  const datasetId = `ds_${suffix}`;
  const jobId = `job_${suffix}`;
  const reviewId = `rev_${suffix}`;
  const listingId = `lst_${suffix}`;
  await deps.db('datasets').insert({
    id: datasetId,
    organization_id: providerOrganizationId,
    name: `dataset ${suffix}`,
    metadata_json: JSON.stringify(metadata),
    latest_revision: 1,
    created_by: 'mem_provider',
    created_at_ms: nowMs,
    updated_at_ms: nowMs,
  });
  await deps.db('dataset_revisions').insert({
    dataset_id: datasetId,
    revision: 1,
    kind: 'upload',
    raw_sha256: raw.sha256,
    size_bytes: raw.sizeBytes,
    format: 'csv',
    encoding: 'utf-8',
    filename: 'raw.csv',
    metadata_json: JSON.stringify(metadata),
    profile_json: '{}',
    created_by: 'mem_provider',
    created_at_ms: nowMs,
  });
  await deps.db('anonymization_jobs').insert({
    id: jobId,
    organization_id: providerOrganizationId,
    dataset_id: datasetId,
    dataset_revision: 1,
    policy_name: 'test',
    policy_yaml: 'name: test',
    policy_sha256: hash('policy'),
    seed: 1,
    state: 'succeeded',
    progress_pct: 100,
    artifact_sha256: artifact.sha256,
    artifact_size_bytes: artifact.sizeBytes,
    artifact_format: 'csv',
    report_sha256: hash(`report ${suffix}`),
    level: 'L3',
    gate_passed: 1,
    summary_json: JSON.stringify({ k: 5 }),
    created_by: 'mem_provider',
    created_at_ms: nowMs,
    updated_at_ms: nowMs,
  });
  await deps.db('reviews').insert({
    id: reviewId,
    organization_id: providerOrganizationId,
    job_id: jobId,
    dataset_id: datasetId,
    dataset_revision: 1,
    report_sha256: hash(`report ${suffix}`),
    artifact_sha256: artifact.sha256,
    policy_sha256: hash('policy'),
    level: 'L3',
    gate_passed: 1,
    state: 'approved',
    submitted_by: 'mem_provider',
    submitted_at_ms: nowMs,
    updated_at_ms: nowMs,
  });
  await deps.db('listings').insert({
    id: listingId,
    organization_id: providerOrganizationId,
    review_id: reviewId,
    job_id: jobId,
    dataset_id: datasetId,
    dataset_revision: 1,
    revision: 1,
    state: options.state ?? 'published',
    title_zh: '门诊统计',
    title_en: 'Outpatient statistics',
    description_zh: '描述',
    description_en: 'description',
    tags_json: '[]',
    metadata_json: JSON.stringify(metadata),
    price_fen: options.priceFen ?? 120000,
    licence_terms: 'Use for the declared purpose only.',
    licence_terms_sha256: hash('Use for the declared purpose only.'),
    permitted_purposes_json: JSON.stringify(
      options.permittedPurposes ?? ['research', 'public_health'],
    ),
    access_duration_days: options.accessDurationDays ?? 90,
    preview_json: '[]',
    artifact_sha256: artifact.sha256,
    artifact_format: 'csv',
    report_sha256: hash(`report ${suffix}`),
    policy_sha256: hash('policy'),
    level: 'L3',
    category: 'health',
    security_grade: 'general',
    sharing_type: options.sharingType ?? 'unconditional',
    format: 'csv',
    search_text: 'outpatient',
    document_sha256: hash(`listing ${suffix}`),
    created_by: 'mem_provider',
    created_at_ms: nowMs,
    updated_at_ms: nowMs,
    published_at_ms: nowMs,
  });
  return {
    listingId,
    providerOrganizationId,
    artifactSha256: artifact.sha256,
    rawSha256: raw.sha256,
    columns,
  };
}

/** Principals of the buyer workflow: two buyers, the listing's provider, an admin, an outsider provider. */
export function buyerWorkflowContexts(
  providerOrganizationId: string,
): Record<string, RequestContext> {
  const of = contextOf;
  return {
    buyerA: of('mem_buyer_a', 'org_buyer_a', ['buyer']),
    buyerA2: of('mem_buyer_a2', 'org_buyer_a', ['buyer']),
    buyerB: of('mem_buyer_b', 'org_buyer_b', ['buyer']),
    provider: of('mem_provider', providerOrganizationId, ['provider']),
    otherProvider: of('mem_other_provider', 'org_other_provider', ['provider']),
    admin: of('mem_admin', 'org_exchange', ['admin']),
  };
}

/** A listing fixture in a running test gateway's database and blob directory. */
export function createGatewayListingFixture(
  gateway: TestGateway,
  options: ListingFixtureOptions,
): Promise<ListingFixture> {
  const deps = {
    db: gateway.db,
    clock: gateway.clock,
    // Non-raw blobs are stored in clear under DATA_DIR/blobs, so any key writes what the gateway reads.
    blobs: new FileBlobStore(gateway.dataDir, randomBytes(32)),
  } as unknown as ServiceDeps;
  return createListingFixture(deps, options);
}
