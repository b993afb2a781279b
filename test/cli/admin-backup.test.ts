// `anonex admin backup` and `anonex admin restore` on SQLite under DATA_DIR: the restored
// directory holds the same organizations, and a second restore onto it is refused.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminCommand } from '../../src/cli/commands/admin.js';

async function run(dataDir: string, args: string[]): Promise<string> {
  const out: string[] = [];
  const command = createAdminCommand({
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    out: (text) => void out.push(text),
    err: () => undefined,
  }).exitOverride();
  await command.parseAsync(args, { from: 'user' });
  return out.join('');
}

describe('cli admin backup | restore (SQLite)', function () {
  this.timeout(60_000);
  const scratch = mkdtempSync(join(tmpdir(), 'anonex-cli-backup-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('restores a backup onto an empty DATA_DIR and refuses a used one', async () => {
    const source = join(scratch, 'source');
    const restored = join(scratch, 'restored');
    const backup = join(scratch, 'backup');
    await run(source, [
      'org',
      'create',
      '--name',
      'Backed up',
      '--uscc',
      '91350100M000100Y43',
      '--kind',
      'enterprise',
    ]);
    const before = await run(source, ['org', 'list', '--json']);
    expect(await run(source, ['backup', backup])).to.match(/sqlite database/);
    await run(restored, ['restore', backup, '--master-key-file', join(source, 'master.key')]);
    expect(await run(restored, ['org', 'list', '--json'])).to.equal(before);
    let code: string | undefined;
    try {
      await run(restored, ['restore', backup, '--master-key-file', join(source, 'master.key')]);
    } catch (error) {
      code = (error as { code?: string }).code;
    }
    expect(code).to.equal('restore_target_not_empty');
  });
});
