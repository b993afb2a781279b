// makeDataDirectoryPrivate: a DATA_DIR left 0755 with 0644 files (what earlier versions made) is
// tightened to 0700/0600 at start, links are not followed, and what it changed is reported.
import { expect } from 'chai';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDataDirectoryPrivate } from '../../src/store/private-data-dir.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('store/private-data-dir', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    umask = process.umask();
    root = mkdtempSync(join(tmpdir(), 'anonex-private-'));
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('tightens directories to 0700 and files to 0600, deep inside', () => {
    const dataDir = join(root, 'data');
    mkdirSync(join(dataDir, 'blobs', 'ab'), { recursive: true });
    writeFileSync(join(dataDir, 'anonex.sqlite'), 'db');
    writeFileSync(join(dataDir, 'anonex.sqlite-wal'), 'wal');
    writeFileSync(join(dataDir, 'blobs', 'ab', 'abcd.raw'), 'blob');
    for (const path of [dataDir, join(dataDir, 'blobs'), join(dataDir, 'blobs', 'ab')])
      chmodSync(path, 0o755);
    for (const path of ['anonex.sqlite', 'anonex.sqlite-wal', 'blobs/ab/abcd.raw'])
      chmodSync(join(dataDir, path), 0o644);
    const outside = join(root, 'outside.txt');
    writeFileSync(outside, 'not ours');
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(dataDir, 'link'));

    const tightened = makeDataDirectoryPrivate(dataDir);

    expect(tightened.map((entry) => entry.path).sort()).to.deep.equal(
      [
        dataDir,
        join(dataDir, 'anonex.sqlite'),
        join(dataDir, 'anonex.sqlite-wal'),
        join(dataDir, 'blobs'),
        join(dataDir, 'blobs', 'ab'),
        join(dataDir, 'blobs', 'ab', 'abcd.raw'),
      ].sort(),
    );
    expect(tightened.find((entry) => entry.path === dataDir)).to.include({
      fromMode: 0o755,
      toMode: 0o700,
    });
    for (const path of [dataDir, join(dataDir, 'blobs'), join(dataDir, 'blobs', 'ab')])
      expect(modeOf(path), path).to.equal(0o700);
    for (const path of ['anonex.sqlite', 'anonex.sqlite-wal', 'blobs/ab/abcd.raw'])
      expect(modeOf(join(dataDir, path)), path).to.equal(0o600);
    expect(modeOf(outside), 'a link target outside DATA_DIR').to.equal(0o644);
    expect(makeDataDirectoryPrivate(dataDir)).to.deep.equal([]);
  });

  it('creates a missing DATA_DIR 0700, and files created afterwards are born 0600', () => {
    const dataDir = join(root, 'fresh', 'data');
    expect(makeDataDirectoryPrivate(dataDir)).to.deep.equal([]);
    expect(modeOf(dataDir)).to.equal(0o700);
    writeFileSync(join(dataDir, 'later.bin'), 'x');
    mkdirSync(join(dataDir, 'later'));
    expect(modeOf(join(dataDir, 'later.bin'))).to.equal(0o600);
    expect(modeOf(join(dataDir, 'later'))).to.equal(0o700);
  });
});
