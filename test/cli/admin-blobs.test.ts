// `anonex admin blobs gc`: lists unreferenced blobs (a dry run), deletes them with --delete, keeps
// every blob a row refers to and, with the temp files of interrupted uploads, sweeps those too.
import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminCommand } from '../../src/cli/commands/admin.js';
import { loadMasterKey } from '../../src/store/master-key.js';
import { FileBlobStore } from '../../src/store/file-blob-store.js';
import { openDatabase } from '../../src/store/db.js';

async function gc(dataDir: string, args: string[]): Promise<string> {
  const out: string[] = [];
  const command = createAdminCommand({
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    out: (text) => void out.push(text),
    err: () => undefined,
  }).exitOverride();
  await command.parseAsync(['blobs', 'gc', ...args], { from: 'user' });
  return out.join('');
}

describe('cli admin blobs gc', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'anonex-gc-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists on a dry run, deletes with --delete, and keeps what a row refers to', async function () {
    this.timeout(60_000);
    await gc(dataDir, []); // creates the database, the master key and the store
    const blobs = new FileBlobStore(dataDir, loadMasterKey({ masterKey: undefined, dataDir }));
    const orphanRaw = await blobs.put(Buffer.from('name\n张伟\n'), { raw: true });
    const orphanArtifact = await blobs.put(Buffer.from('age_band\n20-29\n'), { raw: false });
    const held = await blobs.put(Buffer.from('report'), { raw: false });
    const db = await openDatabase({ url: `sqlite:${join(dataDir, 'anonex.sqlite')}` });
    try {
      await db('holiday_notices').insert({
        year: 2031,
        notice_json: '{}',
        notice_sha256: held.sha256,
        imported_by: 'test',
        imported_at_ms: 0,
      });
    } finally {
      await db.destroy();
    }
    const staleTemp = join(blobs.directory, '.tmp-deadbeef');
    writeFileSync(staleTemp, 'half an upload');
    const twoHoursAgo = (Date.now() - 2 * 3_600_000) / 1000;
    utimesSync(staleTemp, twoHoursAgo, twoHoursAgo);

    const young = JSON.parse(await gc(dataDir, ['--json']));
    expect(young.unreferenced).to.deep.equal([]);
    expect(young.tooYoung).to.equal(2);

    const dry = JSON.parse(await gc(dataDir, ['--json', '--min-age-hours', '0']));
    const listed = (dry.unreferenced as { name: string }[]).map((object) => object.name).sort();
    expect(listed).to.deep.equal(
      [
        ...blobs.objectNamesOf(orphanRaw.sha256, true).slice(0, 1),
        blobs.objectNamesOf(orphanArtifact.sha256, false)[0],
      ].sort(),
    );
    expect(dry.deleted).to.equal(0);
    expect(await blobs.has(orphanRaw.sha256)).to.equal(true);
    expect(existsSync(staleTemp)).to.equal(true);

    const text = await gc(dataDir, ['--delete', '--min-age-hours', '0']);
    expect(text).to.include('deleted 2 unreferenced blob(s) and 1 temp file(s)');
    expect(await blobs.has(orphanRaw.sha256)).to.equal(false);
    expect(await blobs.has(orphanArtifact.sha256)).to.equal(false);
    expect(await blobs.has(held.sha256)).to.equal(true);
    expect(existsSync(staleTemp)).to.equal(false);
  });
});
