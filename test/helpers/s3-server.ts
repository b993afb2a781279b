// A local S3-compatible server for tests (s3rver, from npm, in process on an ephemeral port), with
// one bucket; `location(prefix)` is what the S3 blob store needs to use it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Location } from '../../src/store/blob-store.js';

export interface TestS3Server {
  readonly endpoint: string;
  readonly bucket: string;
  /** The bucket under `prefix`, path-style, with s3rver's fixed credentials. */
  location(prefix?: string): S3Location;
  /** The env variables a gateway needs to use the bucket (with `S3_PREFIX`). */
  env(prefix?: string): Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestS3Server(bucket = 'anonex-test'): Promise<TestS3Server> {
  // The SDK warns once per process that its releases after January 2027 need Node 22; this
  // project pins a release that runs on Node 20 (docs/deployment.md), so the notice is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const directory = mkdtempSync(join(tmpdir(), 'anonex-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver accepts any credentials whose key id it knows; these are its built-in pair.
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    endpoint,
    bucket,
    location: (prefix = '') => ({
      bucket,
      prefix,
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
    }),
    env: (prefix = '') => ({
      BLOB_STORE: 's3',
      S3_BUCKET: bucket,
      S3_PREFIX: prefix,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    }),
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
