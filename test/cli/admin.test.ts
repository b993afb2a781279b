import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminCommand } from '../../src/cli/commands/admin.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { buildProgram } from '../../src/cli/index.js';
import { spawnCli } from '../helpers/cli-process.js';
import { notice2027Later } from '../helpers/holiday-notices.js';

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

  it('member list shows the members of an organization, filtered by role, as text or JSON', async () => {
    const [org] = JSON.parse(
      (
        await run(dataDir, [
          'org',
          'create',
          '--name',
          'Tianjin Grid',
          '--uscc',
          '91440300708461136T',
          '--kind',
          'enterprise',
          '--json',
        ])
      ).out,
    ) as { id: string }[];
    await run(dataDir, ['member', 'add', '--org', org.id, '--name', 'Li', '--role', 'buyer']);
    await run(dataDir, ['member', 'add', '--org', org.id, '--name', 'Zhao', '--role', 'provider']);
    const all = JSON.parse(
      (await run(dataDir, ['member', 'list', '--org', org.id, '--json'])).out,
    ) as {
      organizationId: string;
      displayName: string;
      roles: string[];
    }[];
    expect(all.map((m) => [m.displayName, m.roles, m.organizationId]).sort()).to.deep.equal([
      ['Li', ['buyer'], org.id],
      ['Zhao', ['provider'], org.id],
    ]);
    const buyers = (await run(dataDir, ['member', 'list', '--org', org.id, '--role', 'buyer'])).out;
    const lines = buyers.trimEnd().split('\n');
    expect(lines[0]).to.match(/^id\s+organizationId\s+displayName\s+roles$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[2])).to.deep.equal(['Li']);
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

  it('calendar import loads a notice into the database and calendar list shows it', async () => {
    const file = join(dataDir, 'cn-2027.json');
    writeFileSync(file, JSON.stringify(notice2027Later));
    const imported = await run(dataDir, ['calendar', 'import', file]);
    expect(imported.out).to.match(
      /^imported the 2027 holiday notice \(test-2027, sha256 [0-9a-f]{12}…\)\n/,
    );
    expect(imported.out).to.include('0 open access request deadline(s) recomputed');
    const listed = (await run(dataDir, ['calendar', 'list'])).out.split('\n');
    expect(listed[0]).to.match(/^year\s+origin\s+reference\s+issuedOn\s+sha256$/);
    expect(listed.slice(1, 4).map((line) => line.split(/\s+/).slice(0, 2))).to.deep.equal([
      ['2025', 'shipped'],
      ['2026', 'shipped'],
      ['2027', 'imported'],
    ]);
    const audit = await run(dataDir, ['calendar', 'list', '--json']);
    expect(JSON.parse(audit.out).notices[2]).to.include({ year: 2027, origin: 'imported' });
  });

  it('calendar import of a bad notice exits 1 naming each field, from the real process', async function () {
    // Two real processes, each compiling the CLI under tsx: far more than 4 s on a busy machine.
    this.timeout(120_000);
    const file = join(dataDir, 'cn-2027-bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...notice2027Later,
        holidays: [{ ...notice2027Later.holidays[0], to: '2027-02-30' }],
      }),
    );
    const cli = async (args: string[]) => {
      const child = spawnCli(args, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      return { status: await child.exited(55_000), stderr: child.stderr() };
    };
    const bad = await cli(['admin', 'calendar', 'import', file]);
    expect(bad.status).to.equal(1);
    expect(bad.stderr).to.equal(
      'anonex: the holiday notice is invalid [validation_failed]\n' +
        '  holidays[0].to: want an existing date YYYY-MM-DD\n',
    );
    const missing = await cli(['admin', 'calendar', 'import', join(dataDir, 'nope.json')]);
    expect(missing.status).to.equal(1);
    expect(missing.stderr).to.match(
      /^anonex: cannot read .*nope\.json \[calendar_data_invalid\]\n$/,
    );
  });

  it('`anonex --help` lists the serve and admin commands', () => {
    const help = buildProgram().helpInformation();
    expect(help).to.match(/\n\s+serve\b/);
    expect(help).to.match(/\n\s+admin\b/);
  });
});
