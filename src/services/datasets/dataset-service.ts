// Datasets of a provider organization: Art. 10 metadata and immutable revisions of uploaded content.
// Raw content goes straight to the encrypted blob store; only profiles and masked examples come back.
import type { Readable } from 'node:stream';
import { CsvRowCounter } from '../../core/table/index.js';
import type { StoredBlob } from '../../store/blob-store.js';
import {
  findDataset,
  findDatasetForUpdate,
  findRevision,
  insertDataset,
  insertRevision,
  isRawContentReferenced,
  listDatasets,
  listRevisions,
  updateDatasetHead,
  type DatasetRecord,
  type DatasetRevisionRecord,
} from '../../store/repositories/datasets.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { notFound, ServiceError, validationFailed } from '../errors.js';
import { requireRole } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import type { AnonymizationEngine, DatasetProfile } from '../engine/anonymization-engine.js';
import {
  DATA_FORMATS,
  validateCatalogMetadata,
  type CatalogMetadata,
  type DataFormat,
} from './catalog-metadata.js';
import { validName } from '../valid-name.js';

export interface DatasetView {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly metadata: CatalogMetadata;
  readonly latestRevision: number;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export interface DatasetRevisionView {
  readonly datasetId: string;
  readonly revision: number;
  readonly kind: 'upload' | 'metadata';
  /** SHA-256 of the uploaded bytes (seed Art. 12): proves which content a report was made from. */
  readonly rawSha256: string;
  readonly sizeBytes: number;
  readonly format: DataFormat;
  readonly encoding: string | null;
  readonly filename: string | null;
  readonly metadata: CatalogMetadata;
  readonly profile: DatasetProfile;
  /** Columns of the upload that the Art. 10 data dictionary does not describe. */
  readonly undocumentedColumns: readonly string[];
  readonly createdAtMs: number;
}

export interface NewDataset {
  readonly name: string;
  readonly metadata: unknown;
}

export interface DatasetUpload {
  readonly content: Readable | Buffer;
  readonly format: string;
  readonly encoding?: string;
  readonly filename?: string;
  /** Content-Length when the client sent one: refused early when above the limit. */
  readonly declaredSizeBytes?: number;
}

const toDatasetView = (record: DatasetRecord): DatasetView => ({
  id: record.id,
  organizationId: record.organizationId,
  name: record.name,
  metadata: record.metadata as CatalogMetadata,
  latestRevision: record.latestRevision,
  createdAtMs: record.createdAtMs,
  updatedAtMs: record.updatedAtMs,
});

export const toRevisionView = (record: DatasetRevisionRecord): DatasetRevisionView => {
  const metadata = record.metadata as CatalogMetadata;
  const profile = record.profile as DatasetProfile;
  const documented = new Set(metadata.attributes.map((attribute) => attribute.column));
  return {
    datasetId: record.datasetId,
    revision: record.revision,
    kind: record.kind,
    rawSha256: record.rawSha256,
    sizeBytes: record.sizeBytes,
    format: record.format as DataFormat,
    encoding: record.encoding,
    filename: record.filename,
    metadata,
    profile,
    undocumentedColumns: profile.columns.map((c) => c.name).filter((name) => !documented.has(name)),
    createdAtMs: record.createdAtMs,
  };
};

export class DatasetService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly engine: AnonymizationEngine,
  ) {}

  async createDataset(context: RequestContext, input: NewDataset): Promise<DatasetView> {
    requireRole(context.principal, 'provider');
    const name = validName('name', input.name);
    const metadata = validateCatalogMetadata(input.metadata);
    const nowMs = this.deps.clock.nowMs();
    const record: DatasetRecord = {
      id: this.deps.ids.newId('ds'),
      organizationId: context.principal.organizationId,
      name,
      metadata,
      latestRevision: 0,
      createdBy: context.principal.memberId,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    };
    await this.deps.db.transaction(async (trx) => {
      await insertDataset(trx, record);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'dataset.created',
        target: record.id,
      });
    });
    return toDatasetView(record);
  }

  async listDatasets(context: RequestContext): Promise<DatasetView[]> {
    requireRole(context.principal, 'provider');
    const records = await listDatasets(this.deps.db, context.principal.organizationId);
    return records.map(toDatasetView);
  }

  async getDataset(context: RequestContext, id: string): Promise<DatasetView> {
    return toDatasetView(await this.ownDataset(context, id));
  }

  async listRevisions(context: RequestContext, id: string): Promise<DatasetRevisionView[]> {
    await this.ownDataset(context, id);
    return (await listRevisions(this.deps.db, id)).map(toRevisionView);
  }

  async getRevision(
    context: RequestContext,
    id: string,
    revision: number,
  ): Promise<DatasetRevisionView> {
    await this.ownDataset(context, id);
    const record = await findRevision(this.deps.db, id, revision);
    if (!record) throw notFound('dataset revision', `${id}@${revision}`);
    return toRevisionView(record);
  }

  /**
   * Streams an upload into the encrypted blob store (refusing it past MAX_UPLOAD_BYTES), profiles
   * it, and records it as the next immutable revision carrying the dataset's current metadata.
   */
  async uploadRevision(
    context: RequestContext,
    id: string,
    upload: DatasetUpload,
  ): Promise<DatasetRevisionView> {
    await this.ownDataset(context, id);
    const format = parseFormat(upload.format);
    const maxBytes = this.deps.config.maxUploadBytes;
    if (upload.declaredSizeBytes !== undefined && upload.declaredSizeBytes > maxBytes) {
      throw new ServiceError('payload_too_large', `upload exceeds ${maxBytes} bytes`, {
        details: { maxBytes },
      });
    }
    // A CSV's rows are counted on the way in, so its profile need not read the blob once more.
    const rows = format === 'csv' ? new CsvRowCounter() : undefined;
    const content = rows === undefined ? upload.content : countingRows(upload.content, rows);
    const stored = await this.deps.blobs.put(content, { raw: true, maxBytes });
    try {
      return toRevisionView(
        await this.recordUpload(context, id, upload, format, stored, rows?.dataRows),
      );
    } catch (error) {
      // A refused upload stores nothing: its blob goes unless a revision already holds the same
      // content (content addressing: an earlier accepted upload of these bytes).
      await this.discardUnreferencedUpload(stored.sha256);
      throw error;
    }
  }

  /** Profiles a stored upload, refuses what cannot be a dataset, and records the next revision. */
  private async recordUpload(
    context: RequestContext,
    id: string,
    upload: DatasetUpload,
    format: DataFormat,
    stored: StoredBlob,
    csvRows: number | undefined,
  ): Promise<DatasetRevisionRecord> {
    if (stored.sizeBytes === 0) {
      throw validationFailed('empty upload', [{ field: 'body', reason: 'the file is empty' }]);
    }
    // Profiled from the store by the engine's worker thread: the upload is never in memory here.
    const profile = await this.engine.profileDataset({
      blob: { sha256: stored.sha256, raw: true, sizeBytes: stored.sizeBytes },
      format,
      encoding: upload.encoding,
      csvRows,
    });
    if (profile.rows === 0) {
      throw validationFailed('the upload holds no rows', [
        { field: 'body', reason: 'the file has a header but no rows: nothing to anonymize' },
      ]);
    }
    return this.deps.db.transaction(async (trx) => {
      const dataset = await findDatasetForUpdate(trx, id);
      if (!dataset) throw notFound('dataset', id);
      const nowMs = this.deps.clock.nowMs();
      const record: DatasetRevisionRecord = {
        datasetId: id,
        revision: dataset.latestRevision + 1,
        kind: 'upload',
        rawSha256: stored.sha256,
        sizeBytes: stored.sizeBytes,
        format,
        encoding: profile.encoding,
        filename: upload.filename ?? null,
        metadata: dataset.metadata,
        profile,
        createdBy: context.principal.memberId,
        createdAtMs: nowMs,
      };
      await insertRevision(trx, record);
      await updateDatasetHead(trx, id, { latestRevision: record.revision, updatedAtMs: nowMs });
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'dataset.uploaded',
        target: id,
        details: {
          revision: record.revision,
          rawSha256: stored.sha256,
          sizeBytes: stored.sizeBytes,
          format,
          rows: profile.rows,
        },
      });
      return record;
    });
  }

  private async discardUnreferencedUpload(rawSha256: string): Promise<void> {
    if (await isRawContentReferenced(this.deps.db, rawSha256)) return;
    for (const name of this.deps.blobs.objectNamesOf(rawSha256, true)) {
      await this.deps.blobs.deleteBlobObject(name).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, name }, "could not remove a refused upload's blob");
      });
    }
  }

  /**
   * Replaces the dataset's Art. 10 metadata. Nothing is overwritten: when content exists, a new
   * revision pins the same content with the new metadata (and so needs a new approval).
   */
  async updateMetadata(context: RequestContext, id: string, input: unknown): Promise<DatasetView> {
    await this.ownDataset(context, id);
    const metadata = validateCatalogMetadata(input);
    const updated = await this.deps.db.transaction(async (trx) => {
      const dataset = await findDatasetForUpdate(trx, id);
      if (!dataset) throw notFound('dataset', id);
      const nowMs = this.deps.clock.nowMs();
      let latestRevision = dataset.latestRevision;
      if (latestRevision > 0) {
        const previous = await findRevision(trx, id, latestRevision);
        if (!previous) throw notFound('dataset revision', `${id}@${latestRevision}`);
        latestRevision += 1;
        await insertRevision(trx, {
          ...previous,
          revision: latestRevision,
          kind: 'metadata',
          metadata,
          createdBy: context.principal.memberId,
          createdAtMs: nowMs,
        });
      }
      await updateDatasetHead(trx, id, { metadata, latestRevision, updatedAtMs: nowMs });
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'dataset.metadata_updated',
        target: id,
        details: { revision: latestRevision },
      });
      return { ...dataset, metadata, latestRevision, updatedAtMs: nowMs };
    });
    return toDatasetView(updated);
  }

  /** The dataset if the caller is a provider of its organization; otherwise not_found (Art. 49). */
  private async ownDataset(context: RequestContext, id: string): Promise<DatasetRecord> {
    requireRole(context.principal, 'provider');
    const dataset = await findDataset(this.deps.db, id);
    if (!dataset || dataset.organizationId !== context.principal.organizationId) {
      throw notFound('dataset', id);
    }
    return dataset;
  }
}

/** `content` passed on unchanged, each chunk counted by `rows` on its way. */
async function* countingRows(
  content: Readable | Buffer,
  rows: CsvRowCounter,
): AsyncGenerator<Uint8Array> {
  if (content instanceof Uint8Array) {
    rows.write(content);
    yield content;
    return;
  }
  for await (const chunk of content) {
    rows.write(chunk as Uint8Array);
    yield chunk as Uint8Array;
  }
}

function parseFormat(format: string): DataFormat {
  if ((DATA_FORMATS as readonly string[]).includes(format)) return format as DataFormat;
  throw new ServiceError('unsupported_media_type', `unsupported upload format ${format}`, {
    details: { format, supported: DATA_FORMATS },
  });
}
