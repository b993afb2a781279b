// The end-to-end demo (issue #10) runs with --exit and every step reports success.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';

const STEPS = [
  'gateway',
  'organization',
  'upload',
  'detect',
  'anonymize',
  'report',
  'artifact',
  'review',
  'publish',
  'catalog',
  'access request',
  'access approved',
  'trade',
  'query',
  'download',
  'receipt',
  'ledger',
  'checkpoint',
  'ledger entries',
  'done',
];

describe('scripts/demo.ts --exit', () => {
  it('drives upload → anonymize → review → listing → access → trade → delivery → offline verification', function () {
    this.timeout(180_000);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--exit'], {
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(run.stderr, 'nothing on stderr').to.equal('');
    expect(run.status).to.equal(0);
    const done = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('  ✔ '))
      .map((line) => line.slice(4, 20).trim());
    for (const name of STEPS) expect(done, name).to.include(name);
    expect(done.filter((name) => name === 'organization')).to.have.length(3);
    expect(run.stdout).to.match(/GB\/T 42460 level L3, gate passed/);
    expect(run.stdout).to.match(/entries, \d+ checkpoints verified offline/);
  });
});
