import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('cli serve (a real process)', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'anonex-serve-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('first start prints the admin key once, serves /readyz, and exits 0 on SIGTERM after closing', async function () {
    // Loading every module through tsx in a child process takes seconds on a busy machine.
    this.timeout(60_000);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "import { main } from './src/cli/index.ts'; await main(['node', 'anonex', ...process.argv.slice(1)]);",
        'serve',
      ],
      {
        env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /serving on (http:\/\/\S+) /.exec(stderr);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const readiness = await fetch(`${url}/readyz`);
    expect(readiness.status).to.equal(200);
    const adminKey = readFileSync(join(dataDir, 'admin.key'), 'utf8').trim();
    expect(stdout.split(adminKey)).to.have.length(2); // printed exactly once, never logged again
    const me = await fetch(`${url}/api/v1/me`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(me.status).to.equal(200);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    expect(stdout).to.include('"msg":"gateway stopped"');
    expect(stdout.split(adminKey)).to.have.length(2);
    expect(existsSync(join(dataDir, 'anonex.sqlite'))).to.equal(true);
  });
});
