import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startGateway } from '../../src/gateway.js';
import { recordLedgerEvent } from '../../src/services/ledger-outbox.js';
import { spawnCli } from '../helpers/cli-process.js';

describe('cli serve (a real process)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'anonex-serve-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('first start prints the admin key once on stderr (never into the JSON log on stdout), serves /readyz, and exits 0 on SIGTERM after closing', async function () {
    // Loading every module through tsx in a child process takes seconds on a busy machine.
    this.timeout(60_000);
    const serve = spawnCli(['serve'], {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
    const url = await new Promise<string>((resolve, reject) => {
      serve.child.stderr.on('data', () => {
        const match = /serving on (http:\/\/\S+) /.exec(serve.stderr());
        if (match) resolve(match[1]);
      });
      serve.child.once('exit', (code) => reject(new Error(`exited ${code}: ${serve.stderr()}`)));
    });
    const readiness = await fetch(`${url}/readyz`);
    expect(readiness.status).to.equal(200);
    const adminKey = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
    // Printed once on the terminal (stderr); stdout is the JSON log stream and never carries it.
    expect(serve.stderr().split(adminKey)).to.have.length(2);
    expect(serve.stdout()).not.to.include(adminKey);
    const me = await fetch(`${url}/api/v1/me`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(me.status).to.equal(200);
    serve.child.kill('SIGTERM');
    expect(await serve.exited(30_000)).to.equal(0);
    expect(serve.stdout()).to.include('"msg":"gateway stopped"');
    expect(serve.stdout()).not.to.include(adminKey);
    expect(serve.stderr().split(adminKey)).to.have.length(2);
    expect(existsSync(join(dataDir, 'anonex.sqlite'))).to.equal(true);
  });

  it('refuses to start over a tampered ledger: exits 1 naming the defect, never hangs', async function () {
    this.timeout(60_000);
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    const gateway = await startGateway(config, { announce: () => undefined });
    for (let index = 0; index < 3; index++) {
      await gateway.deps.db.transaction((trx) =>
        recordLedgerEvent(trx, gateway.deps.clock, { kind: 'trade', trade_id: `trd_${index}` }),
      );
    }
    await gateway.services.ledger.flush();
    await gateway.deps
      .db('ledger_entries')
      .where({ leaf_index: 1 })
      .update({ entry_json: '{"kind":"trade","trade_id":"trd_forged"}' });
    await gateway.stop();

    const serve = spawnCli(['serve'], { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' });
    expect(await serve.exited(45_000)).to.equal(1);
    expect(serve.stderr()).to.match(/refusing to start/);
    expect(serve.stderr()).to.include('entry 1: content does not hash to its leaf hash');
    expect(serve.stderr()).to.include('[ledger_entry_modified]');
    expect(serve.stderr()).not.to.include('serving on');
    expect(serve.stdout()).to.include('"code":"ledger_entry_modified"');
  });
});
