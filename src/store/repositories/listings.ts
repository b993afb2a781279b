// Repository of listings and the catalog query over published ones (filters, full text, paging).
import type { ListingState } from '../../domain/index.js';
import { isPostgres, type Queryable } from '../db.js';
import { escapeLike, fromJsonColumn, toJsonColumn } from './workflow-columns.js';

export interface ListingRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly reviewId: string;
  readonly jobId: string;
  readonly datasetId: string;
  readonly datasetRevision: number;
  readonly revision: number;
  readonly state: ListingState;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly descriptionZh: string;
  readonly descriptionEn: string;
  readonly tags: readonly string[];
  readonly metadata: unknown;
  readonly priceFen: number;
  readonly licenceTerms: string;
  readonly licenceTermsSha256: string;
  readonly permittedPurposes: unknown;
  readonly accessDurationDays: number;
  readonly preview: unknown;
  readonly artifactSha256: string;
  readonly artifactFormat: string;
  readonly reportSha256: string;
  readonly policySha256: string;
  readonly level: string;
  readonly category: string;
  readonly securityGrade: string;
  readonly sharingType: string;
  readonly format: string;
  readonly searchText: string;
  readonly documentSha256: string;
  readonly stateReason: string | null;
  readonly createdBy: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly publishedAtMs: number | null;
}

interface ListingRow {
  id: string;
  organization_id: string;
  review_id: string;
  job_id: string;
  dataset_id: string;
  dataset_revision: number;
  revision: number;
  state: ListingState;
  title_zh: string;
  title_en: string;
  description_zh: string;
  description_en: string;
  tags_json: string;
  metadata_json: string;
  price_fen: number;
  licence_terms: string;
  licence_terms_sha256: string;
  permitted_purposes_json: string;
  access_duration_days: number;
  preview_json: string;
  artifact_sha256: string;
  artifact_format: string;
  report_sha256: string;
  policy_sha256: string;
  level: string;
  category: string;
  security_grade: string;
  sharing_type: string;
  format: string;
  search_text: string;
  document_sha256: string;
  state_reason: string | null;
  created_by: string;
  created_at_ms: number;
  updated_at_ms: number;
  published_at_ms: number | null;
}

const toListing = (row: ListingRow): ListingRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  reviewId: row.review_id,
  jobId: row.job_id,
  datasetId: row.dataset_id,
  datasetRevision: Number(row.dataset_revision),
  revision: Number(row.revision),
  state: row.state,
  titleZh: row.title_zh,
  titleEn: row.title_en,
  descriptionZh: row.description_zh,
  descriptionEn: row.description_en,
  tags: fromJsonColumn(row.tags_json) as string[],
  metadata: fromJsonColumn(row.metadata_json),
  priceFen: Number(row.price_fen),
  licenceTerms: row.licence_terms,
  licenceTermsSha256: row.licence_terms_sha256,
  permittedPurposes: fromJsonColumn(row.permitted_purposes_json),
  accessDurationDays: Number(row.access_duration_days),
  preview: fromJsonColumn(row.preview_json),
  artifactSha256: row.artifact_sha256,
  artifactFormat: row.artifact_format,
  reportSha256: row.report_sha256,
  policySha256: row.policy_sha256,
  level: row.level,
  category: row.category,
  securityGrade: row.security_grade,
  sharingType: row.sharing_type,
  format: row.format,
  searchText: row.search_text,
  documentSha256: row.document_sha256,
  stateReason: row.state_reason,
  createdBy: row.created_by,
  createdAtMs: Number(row.created_at_ms),
  updatedAtMs: Number(row.updated_at_ms),
  publishedAtMs: row.published_at_ms === null ? null : Number(row.published_at_ms),
});

const toRow = (record: ListingRecord): ListingRow => ({
  id: record.id,
  organization_id: record.organizationId,
  review_id: record.reviewId,
  job_id: record.jobId,
  dataset_id: record.datasetId,
  dataset_revision: record.datasetRevision,
  revision: record.revision,
  state: record.state,
  title_zh: record.titleZh,
  title_en: record.titleEn,
  description_zh: record.descriptionZh,
  description_en: record.descriptionEn,
  tags_json: toJsonColumn(record.tags),
  metadata_json: toJsonColumn(record.metadata),
  price_fen: record.priceFen,
  licence_terms: record.licenceTerms,
  licence_terms_sha256: record.licenceTermsSha256,
  permitted_purposes_json: toJsonColumn(record.permittedPurposes),
  access_duration_days: record.accessDurationDays,
  preview_json: toJsonColumn(record.preview),
  artifact_sha256: record.artifactSha256,
  artifact_format: record.artifactFormat,
  report_sha256: record.reportSha256,
  policy_sha256: record.policySha256,
  level: record.level,
  category: record.category,
  security_grade: record.securityGrade,
  sharing_type: record.sharingType,
  format: record.format,
  search_text: record.searchText,
  document_sha256: record.documentSha256,
  state_reason: record.stateReason,
  created_by: record.createdBy,
  created_at_ms: record.createdAtMs,
  updated_at_ms: record.updatedAtMs,
  published_at_ms: record.publishedAtMs,
});

export async function insertListing(db: Queryable, record: ListingRecord): Promise<void> {
  await db<ListingRow>('listings').insert(toRow(record));
}

export async function findListing(db: Queryable, id: string): Promise<ListingRecord | undefined> {
  const row = await db<ListingRow>('listings').where({ id }).first();
  return row ? toListing(row) : undefined;
}

/** Replaces a listing's row only if it is still at `expectedRevision` and state (optimistic lock). */
export async function replaceListingIf(
  db: Queryable,
  record: ListingRecord,
  expected: { revision: number; state: ListingState },
): Promise<boolean> {
  const count = await db<ListingRow>('listings')
    .where({ id: record.id, revision: expected.revision, state: expected.state })
    .update(toRow(record));
  return Number(count) === 1;
}

export async function listListingsOfOrganization(
  db: Queryable,
  organizationId: string,
  state?: ListingState,
): Promise<ListingRecord[]> {
  const query = db<ListingRow>('listings').where({ organization_id: organizationId });
  if (state) query.andWhere({ state });
  const rows = await query.orderBy([
    { column: 'created_at_ms', order: 'desc' },
    { column: 'id', order: 'desc' },
  ]);
  return rows.map(toListing);
}

/**
 * The state and revision of listings `ids`, locked until the transaction ends on PostgreSQL (in
 * id order, so two transactions never wait on each other crosswise): an order batch's checks then
 * see every trade another gateway's batch wrote on those listings. SQLite has one writer.
 */
export async function lockListingStates(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; state: string; revision: number }[]> {
  if (ids.length === 0) return [];
  const query = db('listings')
    .whereIn('id', [...ids])
    .orderBy('id')
    .select('id', 'state', 'revision');
  const rows = (await (isPostgres(db) ? query.forUpdate() : query)) as Record<string, unknown>[];
  return rows.map((row) => ({
    id: String(row.id),
    state: String(row.state),
    revision: Number(row.revision),
  }));
}

export type CatalogSort = 'published_at' | 'price' | 'title';

export interface CatalogQuery {
  /** Lower-cased search terms; every term must occur in title, description or tags. */
  readonly terms: readonly string[];
  readonly category?: string;
  readonly securityGrade?: string;
  readonly sharingType?: string;
  readonly format?: string;
  readonly organizationId?: string;
  readonly priceMinFen?: number;
  readonly priceMaxFen?: number;
  readonly sort: CatalogSort;
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

const sortColumns: Record<CatalogSort, string> = {
  published_at: 'published_at_ms',
  price: 'price_fen',
  title: 'title_en',
};

/** Published listings matching `query`, one page, and the total number of matches. */
export async function searchPublishedListings(
  db: Queryable,
  query: CatalogQuery,
): Promise<{ items: ListingRecord[]; total: number }> {
  const base = db<ListingRow>('listings').where({ state: 'published' });
  for (const term of query.terms) {
    base.andWhereRaw(`search_text like ? escape '\\'`, [`%${escapeLike(term)}%`]);
  }
  if (query.category) base.andWhere({ category: query.category });
  if (query.securityGrade) base.andWhere({ security_grade: query.securityGrade });
  if (query.sharingType) base.andWhere({ sharing_type: query.sharingType });
  if (query.format) base.andWhere({ format: query.format });
  if (query.organizationId) base.andWhere({ organization_id: query.organizationId });
  if (query.priceMinFen !== undefined) base.andWhere('price_fen', '>=', query.priceMinFen);
  if (query.priceMaxFen !== undefined) base.andWhere('price_fen', '<=', query.priceMaxFen);
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: number | string }];
  const rows = await base
    .orderBy([
      { column: sortColumns[query.sort], order: query.order },
      { column: 'id', order: 'asc' },
    ])
    .limit(query.limit)
    .offset(query.offset);
  return { items: rows.map(toListing), total: Number(count) };
}

/**
 * A value that changes whenever any listing is created or changes state, revision or time: how a
 * gateway notices another gateway's listing changes without reading the listings.
 */
export async function listingsFingerprint(db: Queryable): Promise<string> {
  const [row] = (await db('listings').select(
    db.raw('count(*) as n'),
    db.raw('coalesce(sum(revision), 0) as r'),
    db.raw('coalesce(max(updated_at_ms), 0) as u'),
    db.raw(`coalesce(sum(case when state = 'published' then 1 else 0 end), 0) as p`),
  )) as { n: number | string; r: number | string; u: number | string; p: number | string }[];
  return `${row.n}:${row.r}:${row.u}:${row.p}`;
}

/** Every listing, one page ordered by id after `afterId` (the ledger reconciliation reads them all). */
export async function listListingsAfter(
  db: Queryable,
  afterId: string | undefined,
  limit: number,
): Promise<ListingRecord[]> {
  const query = db<ListingRow>('listings').orderBy('id').limit(limit);
  if (afterId !== undefined) query.where('id', '>', afterId);
  return (await query).map(toListing);
}
