// The blob store in a local directory (the default): DATA_DIR/blobs/<sha256> for anonymized blobs,
// DATA_DIR/blobs/<HMAC>.raw for raw ones (raw-blob-cipher.ts). Writes go to a temp file that is
// fsynced and hard-linked into place (then the directory fsynced), so a crash leaves either the
// whole blob or nothing, and an existing blob is never replaced.
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import {
  access,
  link,
  mkdir,
  open,
  readdir,
  stat,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { ContentAddressedBlobStore } from './content-addressed-blob-store.js';
import type { ListedObject, ObjectBackend, StagedObject } from './object-backend.js';

/** Staged files: `blobs/.tmp-<random>`, never listed as objects. */
const STAGING_PREFIX = '.tmp-';

/** Objects as files under one root directory (DATA_DIR): `blobs/x` is `<root>/blobs/x`. */
export class DirectoryObjects implements ObjectBackend {
  readonly where: string;
  /** DATA_DIR belongs to one gateway: what was staged before it started was left by a dead one. */
  readonly stagingGraceMs = 0;

  constructor(private readonly root: string) {
    this.where = join(root, 'blobs');
    mkdirSync(this.where, { recursive: true, mode: 0o700 });
  }

  async stage(chunks: AsyncIterable<Uint8Array>): Promise<StagedObject> {
    const tempPath = join(this.where, `${STAGING_PREFIX}${randomBytes(8).toString('hex')}`);
    const file = await open(tempPath, 'wx', 0o600);
    let sizeBytes = 0;
    try {
      for await (const chunk of chunks) {
        await writeAll(file, chunk);
        sizeBytes += chunk.length;
      }
      await file.sync();
      await file.close();
    } catch (error) {
      await file.close().catch(() => undefined);
      await unlink(tempPath).catch(() => undefined);
      throw error;
    }
    const discard = () => unlink(tempPath).catch(() => undefined);
    return {
      sizeBytes,
      publish: async (name) => {
        const path = this.pathOf(name);
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        try {
          // link() never replaces: the atomic create-if-absent that publish promises.
          await link(tempPath, path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
            await discard();
            throw error;
          }
          await discard();
          return false;
        }
        await discard();
        await syncDirectory(dirname(path));
        return true;
      },
      discard,
    };
  }

  async read(name: string): Promise<Readable | undefined> {
    const path = this.pathOf(name);
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return createReadStream('', { fd: handle, highWaterMark: 1 << 16 });
  }

  async exists(name: string): Promise<boolean> {
    try {
      await access(this.pathOf(name));
      return true;
    } catch {
      return false;
    }
  }

  async list(prefix: string): Promise<string[]> {
    try {
      const entries = await readdir(this.pathOf(prefix), { recursive: true, withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile() && !entry.name.startsWith(STAGING_PREFIX))
        .map(
          (entry) =>
            `${prefix}${relative(this.pathOf(prefix), join(entry.parentPath, entry.name))}`,
        );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async listWithTimes(prefix: string): Promise<ListedObject[]> {
    const listed: ListedObject[] = [];
    for (const name of await this.list(prefix)) {
      const modifiedAtMs = await modifiedAt(this.pathOf(name));
      if (modifiedAtMs !== undefined) listed.push({ name, modifiedAtMs });
    }
    return listed;
  }

  async remove(name: string): Promise<void> {
    await unlink(this.pathOf(name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  async sweepStaging(beforeMs: number): Promise<number> {
    let removed = 0;
    for (const entry of await readdir(this.where)) {
      if (!entry.startsWith(STAGING_PREFIX)) continue;
      const path = join(this.where, entry);
      const modifiedAtMs = await modifiedAt(path);
      if (modifiedAtMs === undefined || modifiedAtMs >= beforeMs) continue;
      await unlink(path).catch(() => undefined);
      removed += 1;
    }
    return removed;
  }

  /** The file of object `name`; names are ours (blob-names.ts), never a caller's text. */
  pathOf(name: string): string {
    return join(this.root, name);
  }
}

/** The directory-backed blob store under DATA_DIR (see content-addressed-blob-store.ts). */
export class FileBlobStore extends ContentAddressedBlobStore {
  readonly directory: string;
  private readonly objects: DirectoryObjects;

  /** Requires a 32-byte `masterKey` (see master-key.ts). Creates DATA_DIR/blobs when missing. */
  constructor(dataDir: string, masterKey: Buffer) {
    const objects = new DirectoryObjects(dataDir);
    super(objects, masterKey, { kind: 'file', dataDir });
    this.objects = objects;
    this.directory = objects.where;
  }

  /** Where the blob with address `sha256` is written (raw: under its keyed name). */
  fileOf(sha256: string, raw: boolean): string {
    return this.objects.pathOf(this.names.of(sha256, raw));
  }
}

async function writeAll(file: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/** The file's modification time, or undefined when it is gone (removed by a concurrent sweep). */
async function modifiedAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
