// Repository of datasets and their immutable revisions; no business rules, only rows.
import type { Queryable } from '../db.js';
import { fromJsonColumn, toJsonColumn } from './workflow-columns.js';

export type DatasetRevisionKind = 'upload' | 'metadata';

export interface DatasetRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly metadata: unknown;
  readonly latestRevision: number;
  readonly createdBy: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export interface DatasetRevisionRecord {
  readonly datasetId: string;
  readonly revision: number;
  readonly kind: DatasetRevisionKind;
  readonly rawSha256: string;
  readonly sizeBytes: number;
  readonly format: string;
  readonly encoding: string | null;
  readonly filename: string | null;
  readonly metadata: unknown;
  readonly profile: unknown;
  readonly createdBy: string;
  readonly createdAtMs: number;
}

interface DatasetRow {
  id: string;
  organization_id: string;
  name: string;
  metadata_json: string;
  latest_revision: number;
  created_by: string;
  created_at_ms: number;
  updated_at_ms: number;
}

interface RevisionRow {
  dataset_id: string;
  revision: number;
  kind: DatasetRevisionKind;
  raw_sha256: string;
  size_bytes: number;
  format: string;
  encoding: string | null;
  filename: string | null;
  metadata_json: string;
  profile_json: string;
  created_by: string;
  created_at_ms: number;
}

const toDataset = (row: DatasetRow): DatasetRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  metadata: fromJsonColumn(row.metadata_json),
  latestRevision: Number(row.latest_revision),
  createdBy: row.created_by,
  createdAtMs: Number(row.created_at_ms),
  updatedAtMs: Number(row.updated_at_ms),
});

const toRevision = (row: RevisionRow): DatasetRevisionRecord => ({
  datasetId: row.dataset_id,
  revision: Number(row.revision),
  kind: row.kind,
  rawSha256: row.raw_sha256,
  sizeBytes: Number(row.size_bytes),
  format: row.format,
  encoding: row.encoding,
  filename: row.filename,
  metadata: fromJsonColumn(row.metadata_json),
  profile: fromJsonColumn(row.profile_json),
  createdBy: row.created_by,
  createdAtMs: Number(row.created_at_ms),
});

export async function insertDataset(db: Queryable, record: DatasetRecord): Promise<void> {
  await db<DatasetRow>('datasets').insert({
    id: record.id,
    organization_id: record.organizationId,
    name: record.name,
    metadata_json: toJsonColumn(record.metadata),
    latest_revision: record.latestRevision,
    created_by: record.createdBy,
    created_at_ms: record.createdAtMs,
    updated_at_ms: record.updatedAtMs,
  });
}

export async function findDataset(db: Queryable, id: string): Promise<DatasetRecord | undefined> {
  const row = await db<DatasetRow>('datasets').where({ id }).first();
  return row ? toDataset(row) : undefined;
}

/** Reads the dataset row with a write lock on PostgreSQL so concurrent uploads number revisions safely. */
export async function findDatasetForUpdate(
  db: Queryable,
  id: string,
): Promise<DatasetRecord | undefined> {
  const query = db<DatasetRow>('datasets').where({ id });
  const row =
    db.client.config.client === 'pg' ? await query.forUpdate().first() : await query.first();
  return row ? toDataset(row) : undefined;
}

export async function listDatasets(
  db: Queryable,
  organizationId: string,
): Promise<DatasetRecord[]> {
  const rows = await db<DatasetRow>('datasets')
    .where({ organization_id: organizationId })
    .orderBy([{ column: 'created_at_ms', order: 'desc' }, { column: 'id' }]);
  return rows.map(toDataset);
}

export async function updateDatasetHead(
  db: Queryable,
  id: string,
  changes: { metadata?: unknown; latestRevision?: number; updatedAtMs: number },
): Promise<void> {
  await db<DatasetRow>('datasets')
    .where({ id })
    .update({
      ...(changes.metadata === undefined ? {} : { metadata_json: toJsonColumn(changes.metadata) }),
      ...(changes.latestRevision === undefined ? {} : { latest_revision: changes.latestRevision }),
      updated_at_ms: changes.updatedAtMs,
    });
}

export async function insertRevision(db: Queryable, record: DatasetRevisionRecord): Promise<void> {
  await db<RevisionRow>('dataset_revisions').insert({
    dataset_id: record.datasetId,
    revision: record.revision,
    kind: record.kind,
    raw_sha256: record.rawSha256,
    size_bytes: record.sizeBytes,
    format: record.format,
    encoding: record.encoding,
    filename: record.filename,
    metadata_json: toJsonColumn(record.metadata),
    profile_json: toJsonColumn(record.profile),
    created_by: record.createdBy,
    created_at_ms: record.createdAtMs,
  });
}

export async function findRevision(
  db: Queryable,
  datasetId: string,
  revision: number,
): Promise<DatasetRevisionRecord | undefined> {
  const row = await db<RevisionRow>('dataset_revisions')
    .where({ dataset_id: datasetId, revision })
    .first();
  return row ? toRevision(row) : undefined;
}

export async function listRevisions(
  db: Queryable,
  datasetId: string,
): Promise<DatasetRevisionRecord[]> {
  const rows = await db<RevisionRow>('dataset_revisions')
    .where({ dataset_id: datasetId })
    .orderBy('revision', 'asc');
  return rows.map(toRevision);
}

/** True when any revision of any dataset is content `rawSha256`. */
export async function isRawContentReferenced(db: Queryable, rawSha256: string): Promise<boolean> {
  const row: unknown = await db('dataset_revisions')
    .where({ raw_sha256: rawSha256 })
    .first('dataset_id');
  return row !== undefined;
}
