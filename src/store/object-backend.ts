// Where a blob store keeps its bytes: a local directory or an S3-compatible bucket, behind one
// small interface (stage, publish, read) so that hashing, encryption and naming are written once.
import type { Readable } from 'node:stream';

/**
 * Named, immutable objects. Names are relative paths such as `blobs/<sha256>` (the directory
 * backend puts them under DATA_DIR, the bucket backend under S3_PREFIX).
 */
export interface ObjectBackend {
  /** Where objects live, for messages and logs (never a credential). */
  readonly where: string;
  /**
   * Writes `chunks` as a new object not yet visible under any name, consuming them with
   * back-pressure. When the iteration throws, whatever was written is removed and the error
   * rejects the call.
   */
  stage(chunks: AsyncIterable<Uint8Array>): Promise<StagedObject>;
  /** The object's bytes as a stream, or undefined when no object has that name. */
  read(name: string): Promise<Readable | undefined>;
  exists(name: string): Promise<boolean>;
  /** Names of the objects whose names start with `prefix` (which ends in `/`), in any order. */
  list(prefix: string): Promise<string[]>;
  /** As `list`, with each object's last modification: what garbage collection needs. */
  listWithTimes(prefix: string): Promise<ListedObject[]>;
  /** Deletes object `name`; one that is already gone is not an error. */
  remove(name: string): Promise<void>;
  /**
   * Removes what writes that never finished left behind (a process killed mid-upload): staged
   * objects, and the bucket's incomplete multipart uploads, begun before `beforeMs`. Returns how
   * many it removed.
   */
  sweepStaging(beforeMs: number): Promise<number>;
  /**
   * How old staging must be before another process may sweep it: 0 for a directory one gateway
   * owns (everything staged before it started is dead), a day for a bucket gateways share.
   */
  readonly stagingGraceMs: number;
}

export interface ListedObject {
  readonly name: string;
  readonly modifiedAtMs: number;
}

export interface StagedObject {
  readonly sizeBytes: number;
  /**
   * Makes the staged bytes the object `name`, all or nothing for readers; returns false (and
   * discards the staged bytes) when `name` already exists, which is never replaced. Backends
   * without an atomic create check first, so two writers racing on one name both "win": content
   * addressing makes that harmless for blobs.
   */
  publish(name: string): Promise<boolean>;
  discard(): Promise<void>;
}
