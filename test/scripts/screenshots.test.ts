// `npm run screenshots` on a couple of pages: a demo gateway, each role signed in, PNGs of the
// pages at desktop and phone width in 中文 and English. Skipped without a browser (outside CI).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserTestsRequired, findBrowser } from '../helpers/browser-location.js';

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
function pngSize(file: string): { width: number; height: number; signature: string } {
  const head = readFileSync(file).subarray(0, 24);
  return {
    signature: head.subarray(1, 4).toString('latin1'),
    width: head.readUInt32BE(16),
    height: head.readUInt32BE(20),
  };
}

describe('scripts/screenshots.ts', () => {
  let outDir: string;
  before(function () {
    if (findBrowser().kind === 'missing' && !browserTestsRequired()) this.skip();
    outDir = mkdtempSync(join(tmpdir(), 'anonex-shots-'));
  });
  after(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('writes each chosen page at desktop and phone width, in Chinese and English', function () {
    this.timeout(240_000);
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/screenshots.ts',
        outDir,
        '--only',
        'buyer-catalog,reviewer-review-detail',
      ],
      { encoding: 'utf8', timeout: 230_000 },
    );
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.include(`screenshots: 8 files in ${outDir}`);
    const files = readdirSync(outDir).sort();
    const expected = ['buyer-catalog', 'reviewer-review-detail'].flatMap((page) =>
      ['en', 'zh'].flatMap((language) =>
        ['desktop', 'phone'].map((size) => `${page}-${language}-${size}.png`),
      ),
    );
    expect(files).to.deep.equal(expected.sort());
    for (const file of files) {
      const size = pngSize(join(outDir, file));
      expect(size.signature, file).to.equal('PNG');
      expect(size.width, file).to.equal(file.endsWith('-phone.png') ? 390 : 1280);
    }
  });

  it('refuses a page it does not know', function () {
    this.timeout(120_000);
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/screenshots.ts', outDir, '--only', 'buyer-nowhere'],
      { encoding: 'utf8', timeout: 110_000 },
    );
    expect(run.status).to.equal(1);
    expect(run.stderr).to.include('unknown page in --only: buyer-nowhere');
  });
});
