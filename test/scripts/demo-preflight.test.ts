// The demo refuses a used port or a non-empty data directory before writing anything, and a
// failed demo exits 1 promptly, leaving the directory as it found it.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertPortFree,
  DemoPreflightError,
  parsePort,
  prepareDataDir,
} from '../../scripts/demo/preflight.js';

async function occupyPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

function runDemo(args: string[]): { status: number | null; stderr: string } {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/demo.ts', '--exit', ...args],
    {
      encoding: 'utf8',
      timeout: 110_000,
    },
  );
  return { status: run.status, stderr: run.stderr };
}

describe('scripts/demo preflight', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'anonex-demo-preflight-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a non-empty --data-dir and touches nothing in it', () => {
    writeFileSync(join(root, 'anonex.sqlite'), 'a real gateway');
    expect(() => prepareDataDir(root))
      .to.throw(DemoPreflightError)
      .with.property('message')
      .that.matches(/is not empty \(1 entry\)/);
    expect(readdirSync(root)).to.deep.equal(['anonex.sqlite']);
  });

  it('discards a directory it created, and only empties one it was given', () => {
    const created = prepareDataDir(join(root, 'new', 'demo'));
    writeFileSync(join(created.path, 'anonex.sqlite'), 'x');
    created.discard();
    expect(existsSync(join(root, 'new', 'demo'))).to.equal(false);
    const given = join(root, 'given');
    mkdirSync(given);
    const prepared = prepareDataDir(given);
    mkdirSync(join(prepared.path, 'blobs'));
    writeFileSync(join(prepared.path, 'admin.key'), 'x');
    prepared.discard();
    expect(readdirSync(given)).to.deep.equal([]);
  });

  it('refuses a port in use, and accepts 0 or a free one', async () => {
    const { server, port } = await occupyPort();
    try {
      await assertPortFree('127.0.0.1', port).then(
        () => expect.fail('should refuse'),
        (error: unknown) => {
          expect(error).to.be.instanceOf(DemoPreflightError);
          expect((error as Error).message).to.equal(
            `port ${port} on 127.0.0.1 is in use: choose another --port, or 0 for any free one`,
          );
        },
      );
    } finally {
      server.close();
    }
    await assertPortFree('127.0.0.1', 0);
    expect(() => parsePort('70000')).to.throw(DemoPreflightError);
    expect(parsePort('8080')).to.equal(8080);
  });

  it('the real demo exits 1 at once on a used port or a non-empty directory, writing nothing', async function () {
    // Two child processes compiling the demo under tsx: seconds each, a minute on a loaded machine.
    this.timeout(240_000);
    const { server, port } = await occupyPort();
    try {
      const empty = join(root, 'empty');
      mkdirSync(empty);
      const busy = runDemo(['--port', String(port), '--data-dir', empty]);
      expect(busy.status).to.equal(1);
      expect(busy.stderr).to.equal(
        `demo: port ${port} on 127.0.0.1 is in use: choose another --port, or 0 for any free one\n`,
      );
      expect(readdirSync(empty)).to.deep.equal([]);
    } finally {
      server.close();
    }
    writeFileSync(join(root, 'notes.txt'), 'mine');
    const full = runDemo(['--data-dir', root]);
    expect(full.status).to.equal(1);
    expect(full.stderr).to.match(
      /^demo: --data-dir .* is not empty \(2 entries\): use a new or empty directory\n$/,
    );
    expect(readdirSync(root).sort()).to.deep.equal(['empty', 'notes.txt']);
  });
});
