// Where the browser for the browser tests is (no playwright import here: the mocha main process
// loads this for its one notice, browser-notice.ts).
import { existsSync } from 'node:fs';

/** Where Chromium or Chrome is installed by Debian/Ubuntu packages, snap and macOS. */
export const BROWSER_INSTALL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
] as const;

export type BrowserSearch =
  | { readonly kind: 'found'; readonly path: string }
  | { readonly kind: 'missing'; readonly tried: readonly string[] };

/**
 * Finds the browser: a path named by CHROME_PATH (or CHROMIUM_PATH) is the only one tried, so a
 * wrong setting is reported rather than silently replaced; else the first install path that exists.
 */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): BrowserSearch {
  const named = env.CHROME_PATH ?? env.CHROMIUM_PATH;
  const candidates = named !== undefined && named !== '' ? [named] : BROWSER_INSTALL_PATHS;
  const path = candidates.find((candidate) => exists(candidate));
  return path === undefined ? { kind: 'missing', tried: candidates } : { kind: 'found', path };
}

/** Whether browser tests must run (CI=true): a missing browser is then a failure, not a skip. */
export function browserTestsRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/** The one line a run without a browser prints: what was skipped and how to enable it. */
export function missingBrowserNotice(tried: readonly string[]): string {
  return (
    `⚠ BROWSER TESTS SKIPPED: no Chromium found (tried ${tried.join(', ')}). ` +
    'Install it (Debian: apt-get install chromium) or set CHROME_PATH=/path/to/chrome to run them; ' +
    'with CI=true they fail instead of skipping.'
  );
}
