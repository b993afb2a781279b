// Headless Chromium driven by playwright-core for console tests, with an axe-core check and
// screenshots saved under test-artifacts/ (CI keeps them as artifacts of the run). The browser is
// found, not assumed: CHROME_PATH (or CHROMIUM_PATH) when set, else the usual install paths. A
// machine without one skips the browser tests (browser-notice.ts prints one line saying how to
// enable them); under CI=true they fail instead, so CI never passes without running them.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { browserTestsRequired, findBrowser } from './browser-location.js';

export const ARTIFACTS_DIR = join(process.cwd(), 'test-artifacts', 'console');

/**
 * For a browser suite's `before` hook, called first: skips the suite when no browser is found
 * (outside CI), else launches it. Under CI=true a missing browser throws.
 */
export async function launchBrowserOrSkip(context: Mocha.Context): Promise<Browser> {
  const search = findBrowser();
  if (search.kind === 'missing' && !browserTestsRequired()) context.skip();
  return launchBrowser();
}

export async function launchBrowser(): Promise<Browser> {
  const search = findBrowser();
  if (search.kind === 'missing')
    throw new Error(
      `browser tests need Chromium: none found (tried ${search.tried.join(', ')}); ` +
        'install it (Debian: apt-get install chromium) or set CHROME_PATH=/path/to/chrome',
    );
  return chromium.launch({
    executablePath: search.path,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A context at desktop size (1280×800) or phone width (390×844). */
export async function newConsoleContext(
  browser: Browser,
  size: 'desktop' | 'phone' = 'desktop',
): Promise<BrowserContext> {
  return browser.newContext(
    size === 'desktop'
      ? { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
      : {
          viewport: { width: 390, height: 844 },
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
          isMobile: true,
        },
  );
}

export async function signInThroughPage(page: Page, baseUrl: string, key: string): Promise<void> {
  await page.goto(`${baseUrl}/console/sign-in`);
  await page.getByLabel(/API/).fill(key);
  await Promise.all([
    page.waitForURL(/\/console(?!\/sign-in)/),
    page.locator('form button[type=submit]').first().click(),
  ]);
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/** Runs axe-core in the page (evaluated over the DevTools protocol, so the page CSP still holds). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // axe is the global the evaluated source defined.
    const axe = (
      globalThis as unknown as {
        axe: {
          run(context: Document): Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}
