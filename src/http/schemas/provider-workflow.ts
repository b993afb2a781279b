// Response and query schemas of the provider workflow: datasets, jobs, reviews, listings, catalog.
// Request bodies reuse the services' own schemas (catalog metadata, listing terms, review decision).
import { nameSchema } from '../../core/names.js';
import { z } from 'zod';
import { JOB_STATES, LISTING_STATES, REVIEW_STATES } from '../../domain/index.js';
import {
  catalogMetadataSchema,
  DATA_FORMATS,
  SECURITY_GRADES,
  SHARING_TYPES,
} from '../../services/datasets/catalog-metadata.js';
import { reviewChecklistSchema } from '../../services/reviews/review-state.js';
import { permittedPurposesSchema } from '../../services/listings/listing-terms.js';

const id = (prefix: string) => z.string().min(1).max(64).describe(`${prefix}_… identifier`);
const epochMs = z.number().int().nonnegative().describe('milliseconds since the Unix epoch (UTC)');
const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('lower-case hex SHA-256');
const bilingual = z.object({ zh: z.string(), en: z.string() });

export const datasetIdParams = z.object({ datasetId: id('ds') });
export const revisionParams = z.object({
  datasetId: id('ds'),
  revision: z.coerce.number().int().min(1),
});
export const jobIdParams = z.object({ jobId: id('job') });
export const reviewIdParams = z.object({ reviewId: id('rev') });
export const listingIdParams = z.object({ listingId: id('lst') });

export const datasetSchema = z.object({
  id: id('ds'),
  organizationId: id('org'),
  name: z.string(),
  metadata: catalogMetadataSchema,
  latestRevision: z.number().int().describe('0 until the first upload'),
  createdAtMs: epochMs,
  updatedAtMs: epochMs,
});

const columnProfileSchema = z.object({
  name: z.string(),
  type: z.string(),
  nulls: z.number().int(),
  distinct: z.number().int().nullable(),
  findings: z.array(z.object({ kind: z.string(), match_rate: z.number(), confidence: z.number() })),
  direct_identifier: z.boolean(),
  examples: z.array(z.string()).describe('masked: never a raw value'),
});

export const revisionSchema = z.object({
  datasetId: id('ds'),
  revision: z.number().int(),
  kind: z.enum(['upload', 'metadata']),
  rawSha256: sha256.describe('SHA-256 of the uploaded bytes (the raw content is never served)'),
  sizeBytes: z.number().int(),
  format: z.enum(DATA_FORMATS),
  encoding: z.string().nullable(),
  filename: z.string().nullable(),
  metadata: catalogMetadataSchema,
  profile: z.object({
    rows: z.number().int(),
    encoding: z.string(),
    columns: z.array(columnProfileSchema),
  }),
  undocumentedColumns: z.array(z.string()),
  createdAtMs: epochMs,
});

export const newDatasetBody = z.object({
  name: nameSchema(),
  metadata: z
    .record(z.string(), z.unknown())
    .describe('Art. 10 catalog metadata (the `metadata` of a dataset); missing fields are listed'),
});

export const metadataBody = z
  .record(z.string(), z.unknown())
  .describe('Art. 10 catalog metadata; a new revision when content exists');

export const uploadQuery = z.object({
  format: z.enum(DATA_FORMATS).optional().describe('default: from the Content-Type'),
  encoding: z.string().max(32).optional().describe('utf-8, gb18030, gbk; default detected'),
  filename: z.string().max(255).optional(),
});

export const jobSchema = z.object({
  id: id('job'),
  organizationId: id('org'),
  datasetId: id('ds'),
  datasetRevision: z.number().int(),
  policyName: z.string().describe('<name>@<version>'),
  policySha256: sha256,
  seed: z.number().int(),
  state: z.enum(JOB_STATES),
  progressPct: z.number().int().min(0).max(100),
  phase: z.string().nullable(),
  failureReason: z.string().nullable(),
  cancelRequested: z.boolean(),
  attempts: z.number().int(),
  output: z
    .object({
      artifactSha256: sha256,
      artifactSizeBytes: z.number().int(),
      artifactFormat: z.string(),
      reportSha256: sha256.describe('SHA-256 of the canonical report JSON'),
      reportHtmlSha256: sha256,
      level: z.string().describe('GB/T 42460 identifiability level L1–L4'),
      gatePassed: z.boolean(),
      summary: z.record(z.string(), z.unknown()),
    })
    .nullable(),
  createdAtMs: epochMs,
  startedAtMs: epochMs.nullable(),
  finishedAtMs: epochMs.nullable(),
});

export const newJobBody = z.object({
  datasetId: id('ds'),
  datasetRevision: z.number().int().min(1).optional().describe('default: the latest revision'),
  policy: z.union([
    z.object({ name: z.string().min(1).max(100).describe('a policy shipped under policies/') }),
    z.object({ yaml: z.string().min(1).max(200_000).describe('policy YAML (policies/README.md)') }),
  ]),
  seed: z.number().int().min(0).max(2147483646).optional(),
});

export const jobListQuery = z.object({
  datasetId: id('ds').optional(),
  state: z.enum(JOB_STATES).optional(),
});

export const reportQuery = z.object({
  format: z.enum(['json', 'html']).default('json'),
});

export const reviewSchema = z.object({
  id: id('rev'),
  organizationId: id('org').describe('the provider organization'),
  jobId: id('job'),
  datasetId: id('ds'),
  datasetRevision: z.number().int(),
  current: z.boolean().describe('false once the dataset has a newer revision'),
  reportSha256: sha256,
  artifactSha256: sha256,
  policySha256: sha256,
  level: z.string(),
  gatePassed: z.boolean(),
  state: z.enum(REVIEW_STATES),
  note: z.string().nullable(),
  submittedBy: id('mem'),
  submittedAtMs: epochMs,
  reviewerMemberId: id('mem').nullable(),
  reviewerOrganizationId: id('org').nullable(),
  reasons: z.string().nullable(),
  checklist: reviewChecklistSchema.nullable(),
  decidedAtMs: epochMs.nullable(),
});

export const newReviewBody = z.object({
  jobId: id('job'),
  note: z.string().max(4000).optional(),
});

export const reviewQueueQuery = z.object({
  state: z
    .string()
    .regex(/^(pending|approved|rejected|withdrawn)(,(pending|approved|rejected|withdrawn))*$/)
    .optional()
    .describe('comma-separated states, e.g. pending,approved'),
  provider: id('org').optional(),
  minAgeHours: z.coerce.number().min(0).optional().describe('submitted at least this long ago'),
  maxAgeHours: z.coerce.number().min(0).optional().describe('submitted at most this long ago'),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(20).optional(),
});

const listingHashes = z.object({
  artifactSha256: sha256,
  reportSha256: sha256,
  policySha256: sha256,
  licenceTermsSha256: sha256,
  documentSha256: sha256.describe('SHA-256 of the canonical listing document at this revision'),
});

export const listingSchema = z.object({
  id: id('lst'),
  organizationId: id('org'),
  revision: z.number().int(),
  state: z.enum(LISTING_STATES),
  stateReason: z.string().nullable(),
  reviewId: id('rev'),
  datasetId: id('ds'),
  datasetRevision: z.number().int(),
  title: bilingual,
  description: bilingual,
  tags: z.array(z.string()),
  metadata: catalogMetadataSchema,
  priceFen: z.number().int().describe('CNY fen (1 yuan = 100 fen)'),
  licenceTerms: z.string(),
  permittedPurposes: permittedPurposesSchema,
  accessDurationDays: z.number().int(),
  preview: z.array(z.record(z.string(), z.unknown())),
  level: z.string(),
  artifactFormat: z.string(),
  hashes: listingHashes,
  createdAtMs: epochMs,
  updatedAtMs: epochMs,
  publishedAtMs: epochMs.nullable(),
});

export const listingListQuery = z.object({ state: z.enum(LISTING_STATES).optional() });
export const reasonBody = z.object({ reason: z.string().trim().min(5).max(4000) });
export const optionalReasonBody = z.object({
  reason: z.string().trim().min(1).max(4000).optional(),
});

export const catalogEntrySchema = listingSchema
  .omit({
    state: true,
    stateReason: true,
    reviewId: true,
    datasetId: true,
    datasetRevision: true,
    hashes: true,
    createdAtMs: true,
    updatedAtMs: true,
    publishedAtMs: true,
  })
  .extend({ hashes: listingHashes.omit({ policySha256: true }), publishedAtMs: epochMs });

export const catalogQuery = z.object({
  q: z.string().max(200).optional().describe('every term must occur in title, description or tags'),
  category: z.string().max(200).optional(),
  securityGrade: z.enum(SECURITY_GRADES).optional(),
  sharingType: z.enum(SHARING_TYPES).optional(),
  format: z.enum(DATA_FORMATS).optional(),
  provider: id('org').optional(),
  priceMinFen: z.coerce.number().int().min(0).optional(),
  priceMaxFen: z.coerce.number().int().min(0).optional(),
  sort: z.enum(['published_at', 'price', 'title']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().regex(/^\d+$/).max(12).optional(),
});

export const catalogPageSchema = z.object({
  items: z.array(catalogEntrySchema),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});
