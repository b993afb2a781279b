// The blob store in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Alibaba OSS) through the
// AWS SDK v3, for deployments of several gateways: one bucket, every gateway reading and writing
// it. Objects are `<S3_PREFIX>blobs/…` as in the directory layout; a blob is uploaded (multipart
// past one part) under `<S3_PREFIX>tmp/<random>` while it is hashed, then copied to its content
// address and the temp object deleted, so readers see whole blobs only. A crash can leave a
// `tmp/` object or an incomplete multipart upload behind: each start sweeps those older than a day
// (younger ones may be another gateway's upload in progress), as a lifecycle rule on `tmp/` would.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Location } from './blob-store.js';
import { ContentAddressedBlobStore } from './content-addressed-blob-store.js';
import type { ListedObject, ObjectBackend, StagedObject } from './object-backend.js';

/** Part size of multipart uploads (S3 wants ≥ 5 MiB for every part but the last). */
const PART_BYTES = 8 * 1024 * 1024;
/** CopyObject's limit; larger objects are copied by streaming them through (rare: > 5 GiB). */
const COPY_OBJECT_MAX_BYTES = 5 * 1024 * 1024 * 1024;

type S3Module = typeof S3Sdk;

export interface S3ObjectsOptions {
  /** Tests: a smaller copy limit exercises the streaming copy. */
  readonly copyObjectMaxBytes?: number;
  /** Tests: a smaller part size exercises multipart uploads without megabytes of data. */
  readonly partBytes?: number;
}

/** Staged objects: `tmp/<random>` (multipart uploads in progress included). */
const STAGING_PREFIX = 'tmp/';

/** Objects in one bucket under one prefix. The SDK is loaded on first use only. */
export class S3Objects implements ObjectBackend {
  readonly where: string;
  /** Gateways share the bucket: a younger staged object may be another one's upload in progress. */
  readonly stagingGraceMs = 86_400_000;
  private client: Promise<{ s3: S3Client; sdk: S3Module }> | undefined;
  private readonly copyObjectMaxBytes: number;
  private readonly partBytes: number;

  constructor(
    private readonly location: S3Location,
    options: S3ObjectsOptions = {},
  ) {
    this.where = `s3://${location.bucket}/${location.prefix}`;
    this.copyObjectMaxBytes = options.copyObjectMaxBytes ?? COPY_OBJECT_MAX_BYTES;
    this.partBytes = Math.max(options.partBytes ?? PART_BYTES, 1);
  }

  async stage(chunks: AsyncIterable<Uint8Array>): Promise<StagedObject> {
    const key = this.keyOf(`${STAGING_PREFIX}${randomBytes(12).toString('hex')}`);
    const sizeBytes = await this.upload(key, chunks);
    const discard = () => this.deleteKey(key);
    return {
      sizeBytes,
      publish: async (name) => {
        try {
          if (await this.exists(name)) return false;
          await this.copy(key, this.keyOf(name), sizeBytes);
          return true;
        } finally {
          await discard();
        }
      },
      discard,
    };
  }

  async read(name: string): Promise<Readable | undefined> {
    const { s3, sdk } = await this.connect();
    try {
      const reply = await s3.send(
        new sdk.GetObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(name) }),
      );
      return reply.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async exists(name: string): Promise<boolean> {
    const { s3, sdk } = await this.connect();
    try {
      await s3.send(
        new sdk.HeadObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(name) }),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    return (await this.listWithTimes(prefix)).map((object) => object.name);
  }

  async listWithTimes(prefix: string): Promise<ListedObject[]> {
    const { s3, sdk } = await this.connect();
    const listed: ListedObject[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await s3.send(
        new sdk.ListObjectsV2Command({
          Bucket: this.location.bucket,
          Prefix: this.keyOf(prefix),
          ContinuationToken,
        }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key !== undefined)
          listed.push({
            name: object.Key.slice(this.location.prefix.length),
            modifiedAtMs: object.LastModified?.getTime() ?? 0,
          });
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken !== undefined);
    return listed;
  }

  async remove(name: string): Promise<void> {
    await this.deleteKey(this.keyOf(name));
  }

  async sweepStaging(beforeMs: number): Promise<number> {
    let removed = 0;
    for (const object of await this.listWithTimes(STAGING_PREFIX)) {
      if (object.modifiedAtMs >= beforeMs) continue;
      await this.remove(object.name);
      removed += 1;
    }
    return removed + (await this.abortIncompleteUploads(beforeMs));
  }

  /**
   * Aborts multipart uploads under `tmp/` begun before `beforeMs`: their parts are stored (and
   * billed) but listed nowhere else. A server without ListMultipartUploads (some S3-compatible
   * ones) answers NotImplemented; then a lifecycle rule must do it, and nothing is aborted here.
   */
  private async abortIncompleteUploads(beforeMs: number): Promise<number> {
    const { s3, sdk } = await this.connect();
    const Bucket = this.location.bucket;
    let aborted = 0;
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    do {
      let page: S3Sdk.ListMultipartUploadsCommandOutput;
      try {
        page = await s3.send(
          new sdk.ListMultipartUploadsCommand({
            Bucket,
            Prefix: this.keyOf(STAGING_PREFIX),
            KeyMarker,
            UploadIdMarker,
          }),
        );
      } catch (error) {
        if ((error as { name?: string }).name === 'NotImplemented') return aborted;
        throw error;
      }
      for (const upload of page.Uploads ?? []) {
        if ((upload.Initiated?.getTime() ?? beforeMs) >= beforeMs) continue;
        await s3.send(
          new sdk.AbortMultipartUploadCommand({
            Bucket,
            Key: upload.Key,
            UploadId: upload.UploadId,
          }),
        );
        aborted += 1;
      }
      KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      UploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (KeyMarker !== undefined);
    return aborted;
  }

  /** Closes the SDK's sockets (tests; a gateway keeps its client for its life). */
  async destroy(): Promise<void> {
    if (this.client) (await this.client).s3.destroy();
    this.client = undefined;
  }

  private keyOf(name: string): string {
    return `${this.location.prefix}${name}`;
  }

  /** Uploads `chunks` to `key`: one PutObject when they fit in a part, else a multipart upload. */
  private async upload(key: string, chunks: AsyncIterable<Uint8Array>): Promise<number> {
    const { s3, sdk } = await this.connect();
    const Bucket = this.location.bucket;
    const parts = partsOf(chunks, this.partBytes);
    const first = await parts.next();
    const firstPart = first.done ? Buffer.alloc(0) : first.value;
    const second = first.done ? first : await parts.next();
    if (second.done) {
      await s3.send(new sdk.PutObjectCommand({ Bucket, Key: key, Body: firstPart }));
      return firstPart.length;
    }
    const { UploadId } = await s3.send(new sdk.CreateMultipartUploadCommand({ Bucket, Key: key }));
    const done: { PartNumber: number; ETag: string | undefined }[] = [];
    let sizeBytes = 0;
    try {
      const sendPart = async (body: Buffer) => {
        const PartNumber = done.length + 1;
        const reply = await s3.send(
          new sdk.UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber, Body: body }),
        );
        done.push({ PartNumber, ETag: reply.ETag });
        sizeBytes += body.length;
      };
      await sendPart(firstPart);
      await sendPart(second.value);
      for (let part = await parts.next(); !part.done; part = await parts.next())
        await sendPart(part.value);
      await s3.send(
        new sdk.CompleteMultipartUploadCommand({
          Bucket,
          Key: key,
          UploadId,
          MultipartUpload: { Parts: done },
        }),
      );
    } catch (error) {
      await s3
        .send(new sdk.AbortMultipartUploadCommand({ Bucket, Key: key, UploadId }))
        .catch(() => undefined);
      throw error;
    }
    return sizeBytes;
  }

  private async copy(fromKey: string, toKey: string, sizeBytes: number): Promise<void> {
    const { s3, sdk } = await this.connect();
    const Bucket = this.location.bucket;
    if (sizeBytes <= this.copyObjectMaxBytes) {
      await s3.send(
        new sdk.CopyObjectCommand({
          Bucket,
          Key: toKey,
          CopySource: `${Bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}`,
        }),
      );
      return;
    }
    const reply = await s3.send(new sdk.GetObjectCommand({ Bucket, Key: fromKey }));
    await this.upload(toKey, reply.Body as Readable);
  }

  private async deleteKey(key: string): Promise<void> {
    const { s3, sdk } = await this.connect();
    await s3.send(new sdk.DeleteObjectCommand({ Bucket: this.location.bucket, Key: key }));
  }

  private connect(): Promise<{ s3: S3Client; sdk: S3Module }> {
    this.client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        region: this.location.region,
        endpoint: this.location.endpoint,
        forcePathStyle: this.location.forcePathStyle,
        credentials: this.location.credentials,
        // Our own hashes protect every blob end to end; the SDK's newer default checksums
        // (CRC32 trailers) are refused by several S3-compatible servers.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return this.client;
  }
}

/** The bucket-backed blob store (see content-addressed-blob-store.ts). */
export class S3BlobStore extends ContentAddressedBlobStore {
  constructor(
    location: S3Location,
    masterKey: Buffer,
    readonly objects: S3Objects = new S3Objects(location),
  ) {
    super(objects, masterKey, { kind: 's3', ...location });
  }
}

/** Regroups chunks into parts of exactly `partBytes` (the last one shorter). */
async function* partsOf(
  chunks: AsyncIterable<Uint8Array>,
  partBytes: number,
): AsyncGenerator<Buffer> {
  let part = Buffer.allocUnsafe(partBytes);
  let filled = 0;
  for await (const chunk of chunks) {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(partBytes - filled, chunk.length - offset);
      part.set(chunk.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === partBytes) {
        yield part;
        part = Buffer.allocUnsafe(partBytes);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield part.subarray(0, filled);
}

function isNotFound(error: unknown): boolean {
  const named = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    named.name === 'NoSuchKey' ||
    named.name === 'NotFound' ||
    named.$metadata?.httpStatusCode === 404
  );
}
