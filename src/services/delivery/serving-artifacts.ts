// Opens released artifacts for the query engine: local Parquet copies, their schemas, one engine per gateway.
import type { Logger } from 'pino';
import type { ServingConfig } from '../../config.js';
import type { BlobStore } from '../../store/blob-store.js';
import { AnalyticsEngine } from './analytics-engine.js';
import { ArtifactCache } from './artifact-cache.js';
import { convertLegacyArtifact, type LegacyFormat } from './legacy-artifact.js';
import { describeParquet, type ServedColumn } from './served-artifact.js';

/** An artifact ready for SQL: its Parquet file (held in the cache until `release`) and columns. */
export interface OpenedArtifact {
  readonly path: string;
  readonly columns: readonly ServedColumn[];
  release(): void;
}

const LEGACY_FORMATS: readonly string[] = ['csv', 'jsonl', 'arrow'] satisfies LegacyFormat[];

/**
 * The gateway's serving side: one DuckDB (AnalyticsEngine) and one bounded artifact cache under
 * DATA_DIR/serving. A Parquet artifact is served as fetched; a legacy one is converted to typed
 * Parquet on first use (kept in the cache beside it, as `<sha256>.parquet`).
 */
export class ServingArtifacts {
  readonly engine: AnalyticsEngine;
  private readonly cache: ArtifactCache;
  private readonly schemas = new Map<string, Promise<ServedColumn[]>>();

  constructor(
    config: ServingConfig,
    blobs: BlobStore,
    private readonly logger?: Logger,
  ) {
    this.engine = new AnalyticsEngine(config);
    this.cache = new ArtifactCache(
      blobs,
      `${config.directory}/artifacts`,
      config.cacheMb * 1024 * 1024,
    );
  }

  /** Opens artifact `sha256` written in `format` (`parquet`, or a legacy csv/jsonl/arrow). */
  async open(sha256: string, format: string): Promise<OpenedArtifact> {
    const held = LEGACY_FORMATS.includes(format)
      ? await this.converted(sha256, format as LegacyFormat)
      : await this.cache.acquire(sha256);
    try {
      let columns = this.schemas.get(sha256);
      if (!columns) {
        columns = describeParquet(this.engine, held.path);
        this.schemas.set(sha256, columns);
        columns.catch(() => this.schemas.delete(sha256));
      }
      return { path: held.path, columns: await columns, release: held.release };
    } catch (error) {
      held.release();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  private async converted(sha256: string, format: LegacyFormat) {
    return this.cache.derive(`${sha256}.parquet`, async (path) => {
      const original = await this.cache.acquire(sha256);
      try {
        this.logger?.info({ artifact: sha256, format }, 'converting a legacy artifact to Parquet');
        await convertLegacyArtifact(this.engine, original.path, format, path);
      } finally {
        original.release();
      }
    });
  }
}
