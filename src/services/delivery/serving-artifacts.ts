// Opens released artifacts for the query engine: local Parquet copies, their schemas, one engine per gateway.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ServingConfig } from '../../config.js';
import type { BlobStore } from '../../store/blob-store.js';
import { AnalyticsEngine } from './analytics-engine.js';
import { ArtifactCache, type CachedArtifact } from './artifact-cache.js';
import { describeServingCopy, type ServedColumn } from './served-artifact.js';
import { writeServingCopy, writeServingRows } from './serving-copy.js';

/** An artifact ready for SQL: its serving copy (held in the cache until `release`), ordinal and columns. */
export interface OpenedArtifact {
  readonly path: string;
  readonly ordinal: string;
  readonly columns: readonly ServedColumn[];
  readonly rowCount: number;
  /** A path in the serving directory for a scratch file (a Parquet download). */
  scratchPath(): string;
  /**
   * The artifact's rows at `ordinals` (a trade's withheld rows; non-empty) as a Parquet file with
   * the serving copy's columns: written once per artifact and list, cached like serving copies,
   * held until its own `release`. Requires `ordinals` never changed afterwards: its digest is
   * kept by the array.
   */
  rowsAt(ordinals: Uint32Array): Promise<CachedArtifact>;
  release(): void;
}

const FORMATS = ['parquet', 'csv', 'jsonl', 'arrow'] as const;
type ServedFormat = (typeof FORMATS)[number];

/**
 * The gateway's serving side: one DuckDB (AnalyticsEngine) and one bounded artifact cache under
 * DATA_DIR/serving. Each artifact is fetched once and written as its serving copy
 * (`<sha256>.serving.parquet`, serving-copy.ts: typed, with row ordinals, in blocks); a legacy
 * CSV, JSON Lines or Arrow artifact is typed on the way.
 */
export class ServingArtifacts {
  readonly engine: AnalyticsEngine;
  private readonly cache: ArtifactCache;
  private readonly scratchDirectory: string;
  private scratchCreated: Promise<void> | undefined;
  /**
   * Each withheld list's content digest (rowsAt names its file by it), by the list: the lists are
   * kept read-only per trade, and hashing one (tens of thousands of ordinals) on every query was
   * a few per cent of the event loop under a query burst.
   */
  private readonly listDigests = new WeakMap<Uint32Array, string>();
  private readonly schemas = new Map<
    string,
    Promise<{ ordinal: string; columns: ServedColumn[]; rowCount: number }>
  >();

  constructor(
    config: ServingConfig,
    blobs: BlobStore,
    private readonly logger?: Logger,
  ) {
    this.engine = new AnalyticsEngine(config);
    this.scratchDirectory = join(config.directory, 'scratch');
    this.cache = new ArtifactCache(
      blobs,
      `${config.directory}/artifacts`,
      config.cacheMb * 1024 * 1024,
    );
  }

  /** Opens artifact `sha256` written in `format` (`parquet`, or a legacy csv/jsonl/arrow). */
  async open(sha256: string, format: string): Promise<OpenedArtifact> {
    const served: ServedFormat = (FORMATS as readonly string[]).includes(format)
      ? (format as ServedFormat)
      : 'csv';
    await this.scratchReady();
    const held = await this.cache.derive(`${sha256}.serving.parquet`, async (path) => {
      const original = await this.cache.acquire(sha256);
      try {
        this.logger?.info({ artifact: sha256, format }, 'writing the serving copy of an artifact');
        await writeServingCopy(this.engine, original.path, served, path);
      } finally {
        original.release();
        // The serving copy holds everything a query needs: the fetched original goes.
        await this.cache.discard(sha256);
      }
    });
    try {
      let described = this.schemas.get(sha256);
      if (!described) {
        described = describeServingCopy(this.engine, held.path);
        this.schemas.set(sha256, described);
        described.catch(() => this.schemas.delete(sha256));
      }
      const { ordinal, columns, rowCount } = await described;
      return {
        path: held.path,
        ordinal,
        columns,
        rowCount,
        scratchPath: () =>
          join(this.scratchDirectory, `${randomBytes(12).toString('hex')}.parquet`),
        rowsAt: (ordinals) => {
          // Named by the list's content: trades (or listings) withholding the same rows share a file.
          let list = this.listDigests.get(ordinals);
          if (list === undefined) {
            list = createHash('sha256')
              .update(new Uint8Array(ordinals.buffer, ordinals.byteOffset, ordinals.byteLength))
              .digest('hex');
            this.listDigests.set(ordinals, list);
          }
          return this.cache.derive(`${sha256}.rows-${list.slice(0, 32)}.parquet`, (path) =>
            writeServingRows(this.engine, held.path, ordinal, ordinals, path),
          );
        },
        release: held.release,
      };
    } catch (error) {
      held.release();
      throw error;
    }
  }

  /** Creates the scratch directory once per process (a buyer query used to pay a mkdir). */
  private scratchReady(): Promise<void> {
    this.scratchCreated ??= mkdir(this.scratchDirectory, { recursive: true, mode: 0o700 }).then(
      () => undefined,
      (error: unknown) => {
        this.scratchCreated = undefined;
        throw error;
      },
    );
    return this.scratchCreated;
  }

  /** A fresh path in the serving directory's scratch area (created if missing), ending `.extension`. */
  async scratchFile(extension: string): Promise<string> {
    await this.scratchReady();
    return join(this.scratchDirectory, `${randomBytes(12).toString('hex')}.${extension}`);
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}
