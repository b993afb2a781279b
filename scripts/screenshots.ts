// Screenshots of each role's main console pages, at desktop width and at 390 px phone width, in
// 中文 and English, so a person can look at the product without clicking through it. A demo gateway
// on a temporary data directory runs the demo's whole trade first, so every page has content.
//
//   npm run screenshots                       writes out/screenshots/*.png
//   npm run screenshots -- shots/ --only buyer-catalog,reviewer-review
//
// Files are named <role>-<page>-<zh|en>-<desktop|phone>.png. Needs Chromium (CHROME_PATH, or
// Debian's /usr/bin/chromium; see test/helpers/browser-location.ts).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/gateway.js';
import { createLogger } from '../src/logger.js';
import { LANGUAGE_COOKIE } from '../src/web/cookies.js';
import { launchBrowser, newConsoleContext, signInThroughPage } from '../test/helpers/browser.js';
import { runDemoTrade, type DemoTrade } from './demo/trade.js';

type Role = 'provider' | 'reviewer' | 'buyer' | 'admin';

interface Shot {
  /** `<role>-<page>`: the file name's start, and what `--only` selects. */
  readonly name: string;
  readonly role: Role;
  readonly path: string;
}

const LANGUAGES = ['zh', 'en'] as const;
const SIZES = ['desktop', 'phone'] as const;

/** Each role's main pages, over the objects the demo trade created. */
function mainPages(ids: DemoTrade['ids']): Shot[] {
  const shot = (role: Role, page: string, path: string): Shot => ({
    name: `${role}-${page}`,
    role,
    path: `/console${path}`,
  });
  return [
    shot('provider', 'datasets', '/datasets'),
    shot('provider', 'dataset', `/datasets/${ids.datasetId}`),
    shot('provider', 'job', `/jobs/${ids.jobId}`),
    shot('provider', 'listings', '/listings'),
    shot('provider', 'listing', `/listings/${ids.listingId}`),
    shot('provider', 'requests', '/requests'),
    shot('reviewer', 'review', '/review'),
    shot('reviewer', 'review-detail', `/review/${ids.reviewId}`),
    shot('buyer', 'catalog', '/catalog'),
    shot('buyer', 'listing', `/catalog/${ids.listingId}`),
    shot('buyer', 'entitlements', '/entitlements'),
    shot('buyer', 'entitlement', `/entitlements/${ids.entitlementId}`),
    shot('admin', 'home', ''),
    shot('admin', 'ledger', '/ledger'),
  ];
}

async function photograph(
  browser: Browser,
  gateway: RunningGateway,
  trade: DemoTrade,
  shots: readonly Shot[],
  outDir: string,
): Promise<string[]> {
  const written: string[] = [];
  const roles = [...new Set(shots.map((s) => s.role))];
  for (const role of roles)
    for (const size of SIZES)
      for (const language of LANGUAGES) {
        const context = await newConsoleContext(browser, size);
        try {
          await context.addCookies([{ name: LANGUAGE_COOKIE, value: language, url: gateway.url }]);
          const page = await context.newPage();
          await signInThroughPage(page, gateway.url, trade.keys[role]);
          for (const shot of shots.filter((s) => s.role === role)) {
            await page.goto(`${gateway.url}${shot.path}`, { waitUntil: 'load' });
            const file = join(outDir, `${shot.name}-${language}-${size}.png`);
            await page.screenshot({ path: file, fullPage: true });
            written.push(file);
          }
        } finally {
          await context.close();
        }
      }
  return written;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { only: { type: 'string' } },
    allowPositionals: true,
  });
  const outDir = resolve(positionals[0] ?? join('out', 'screenshots'));
  const only = values.only?.split(',').map((name) => name.trim());
  const dataDir = mkdtempSync(join(tmpdir(), 'anonex-screenshots-'));
  let gateway: RunningGateway | undefined;
  let browser: Browser | undefined;
  try {
    gateway = await startGateway(
      loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' }),
      { logger: createLogger({ logLevel: 'warn' }), announce: () => undefined },
    );
    const trade = await runDemoTrade(gateway, dataDir);
    const shots = mainPages(trade.ids).filter((s) => only === undefined || only.includes(s.name));
    if (only !== undefined && shots.length !== only.length)
      throw new Error(
        `unknown page in --only: ${only.filter((name) => !shots.some((s) => s.name === name)).join(', ')}`,
      );
    mkdirSync(outDir, { recursive: true });
    browser = await launchBrowser();
    const written = await photograph(browser, gateway, trade, shots, outDir);
    console.log(`screenshots: ${written.length} files in ${outDir}`);
  } finally {
    await browser?.close();
    await gateway?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  // A lingering keep-alive socket of fetch must not keep a finished run alive.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `screenshots: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
