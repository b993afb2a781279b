// Local copies of released artifacts for the query engine: fetched once per gateway, verified, bounded.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { BlobStore } from '../../store/blob-store.js';

interface Entry {
  readonly path: string;
  readonly sizeBytes: number;
  lastUsed: number;
  /** Readers between `acquire` and `release`: an entry in use is never removed. */
  readers: number;
}

/** A cached artifact; call `release` when the engine is done reading it. */
export interface CachedArtifact {
  readonly path: string;
  release(): void;
}

/**
 * Artifacts may live in a bucket (the S3 blob store) that DuckDB cannot read: each is written once
 * into `directory` as `<sha256>` (0600, like all of DATA_DIR), hashed on the way and compared with
 * its address before it is used, and the least recently used files go when the total passes
 * `maxBytes`. Concurrent first uses of one artifact share one fetch. Another gateway's cache is
 * its own: nothing here is shared or trusted across processes (a file found at start is re-fetched).
 */
export class ArtifactCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  private totalBytes = 0;
  private useCounter = 0;

  constructor(
    private readonly blobs: BlobStore,
    private readonly directory: string,
    private readonly maxBytes: number,
  ) {}

  /** The local file of the released artifact `sha256` (never a raw upload: `raw: false`). */
  async acquire(sha256: string, suffix = ''): Promise<CachedArtifact> {
    const key = sha256 + suffix;
    let entry = this.entries.get(key);
    if (!entry) {
      let loading = this.pending.get(key);
      if (!loading) {
        loading = this.fetch(sha256, key).finally(() => this.pending.delete(key));
        this.pending.set(key, loading);
      }
      entry = await loading;
    }
    const held = entry;
    held.readers++;
    held.lastUsed = ++this.useCounter;
    await this.evict();
    let released = false;
    return {
      path: held.path,
      release: () => {
        if (released) return;
        released = true;
        held.readers--;
        void this.evict();
      },
    };
  }

  /**
   * Adds a file derived from an artifact (a legacy CSV converted to Parquet) under `key`: `write`
   * produces it at the given path; it counts against the same bound.
   */
  async derive(key: string, write: (path: string) => Promise<void>): Promise<CachedArtifact> {
    if (!this.entries.has(key)) {
      let loading = this.pending.get(key);
      if (!loading) {
        loading = this.store(key, write).finally(() => this.pending.delete(key));
        this.pending.set(key, loading);
      }
      await loading;
    }
    return this.acquire(key);
  }

  /** Removes entry `key` now unless someone is reading it (then the bound removes it later). */
  async discard(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry || entry.readers > 0) return;
    this.entries.delete(key);
    this.totalBytes -= entry.sizeBytes;
    await rm(entry.path, { force: true });
  }

  private async fetch(sha256: string, key: string): Promise<Entry> {
    return this.store(key, async (path) => {
      const hash = createHash('sha256');
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const source = await this.blobs.open(sha256, { raw: false });
      await pipeline(source, hashing, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
      const got = hash.digest('hex');
      // The blob store checks too; this check is the cache's own: a file it serves is the artifact.
      if (got !== sha256) throw new Error(`artifact ${sha256} read back as ${got}`);
    });
  }

  private async store(key: string, write: (path: string) => Promise<void>): Promise<Entry> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const path = join(this.directory, key);
    const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await write(partial);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    const entry: Entry = { path, sizeBytes: (await stat(path)).size, lastUsed: 0, readers: 0 };
    this.entries.set(key, entry);
    this.totalBytes += entry.sizeBytes;
    return entry;
  }

  private async evict(): Promise<void> {
    if (this.totalBytes <= this.maxBytes) return;
    const idle = [...this.entries].filter(([, entry]) => entry.readers === 0);
    idle.sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [key, entry] of idle) {
      if (this.totalBytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.totalBytes -= entry.sizeBytes;
      await rm(entry.path, { force: true });
    }
  }
}
