import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminCommand } from '../../src/cli/commands/admin.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { buildProgram } from '../../src/cli/index.js';

interface Capture {
  io: CliIo;
  out: string[];
  err: string[];
}

function capture(dataDir: string): Capture {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
    },
    out,
    err,
  };
}

async function run(dataDir: string, args: string[]): Promise<{ out: string; err: string }> {
  const { io, out, err } = capture(dataDir);
  const command = createAdminCommand(io).exitOverride();
  await command.parseAsync(args, { from: 'user' });
  return { out: out.join(''), err: err.join('') };
}

describe('cli admin (SQLite under DATA_DIR)', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'anonex-cli-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('first use creates the database and the administrator, saving admin.key with mode 0600', async () => {
    const { out, err } = await run(dataDir, ['org', 'list', '--json']);
    const organizations = JSON.parse(out) as { name: string }[];
    expect(organizations.map((o) => o.name)).to.deep.equal(['anonex exchange operator']);
    const adminKey = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
    expect(adminKey).to.match(/^anx_/);
    expect(err).to.include(adminKey);
    expect(statSync(join(dataDir, 'admin.key')).mode & 0o777).to.equal(0o600);
  });

  it('org create, member add, key create, key list and key revoke work end to end', async () => {
    const created = JSON.parse(
      (
        await run(dataDir, [
          'org',
          'create',
          '--name',
          'Tianjin Metro',
          '--uscc',
          '91350100M000100Y43',
          '--kind',
          'public-service',
          '--json',
        ])
      ).out,
    ) as { id: string; uscc: string }[];
    expect(created[0].uscc).to.equal('91350100M000100Y43');
    const member = JSON.parse(
      (
        await run(dataDir, [
          'member',
          'add',
          '--org',
          created[0].id,
          '--name',
          'Wang',
          '--role',
          'provider',
          'buyer',
          '--json',
        ])
      ).out,
    ) as { id: string; roles: string[] }[];
    expect(member[0].roles).to.deep.equal(['buyer', 'provider']);
    const issued = await run(dataDir, [
      'key',
      'create',
      '--member',
      member[0].id,
      '--label',
      'etl',
      '--expires-in-days',
      '30',
    ]);
    expect(issued.out.trim()).to.match(/^anx_[A-Za-z0-9_-]{43}$/);
    const listed = (await run(dataDir, ['key', 'list', '--member', member[0].id])).out;
    expect(listed).to.include(issued.out.trim().slice(0, 12));
    expect(listed).not.to.include(issued.out.trim().slice(12));
    const keyId = /^(key_[0-9a-f]+)/m.exec(listed.split('\n')[1])?.[1];
    expect(keyId).to.be.a('string');
    expect((await run(dataDir, ['key', 'revoke', keyId!])).out).to.match(/^revoked key_/);
    const table = (await run(dataDir, ['org', 'list'])).out;
    expect(table.split('\n')[0]).to.match(/^id\s+name\s+uscc\s+kind$/);
    expect(table).to.include('Tianjin Metro');
  });

  it('a bad USCC fails with the typed error, not a stack', async () => {
    let thrown: unknown;
    await run(dataDir, [
      'org',
      'create',
      '--name',
      'X',
      '--uscc',
      '91350100M000100Y44',
      '--kind',
      'enterprise',
    ]).catch((error: unknown) => (thrown = error));
    expect((thrown as { code?: string }).code).to.equal('validation_failed');
  });

  it('`anonex --help` lists the serve and admin commands', () => {
    const help = buildProgram().helpInformation();
    expect(help).to.match(/\n\s+serve\b/);
    expect(help).to.match(/\n\s+admin\b/);
  });
});
