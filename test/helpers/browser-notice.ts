// Mocha global teardown (loaded by .mocharc.json): runs once in the main process, even with
// parallel workers, after the summary, so a run without a browser ends with exactly one line
// saying the browser tests were skipped and how to enable them.
import { browserTestsRequired, findBrowser, missingBrowserNotice } from './browser-location.js';

export function mochaGlobalTeardown(): void {
  const search = findBrowser();
  if (search.kind === 'missing' && !browserTestsRequired())
    process.stderr.write(`${missingBrowserNotice(search.tried)}\n`);
}
