import { expect } from 'chai';
import {
  BROWSER_INSTALL_PATHS,
  browserTestsRequired,
  findBrowser,
  missingBrowserNotice,
} from './browser-location.js';

describe('test helpers: finding the browser', () => {
  const installed = (paths: string[]) => (path: string) => paths.includes(path);
  const cases = [
    {
      desc: "Debian's chromium",
      env: {},
      present: ['/usr/bin/chromium'],
      want: { kind: 'found', path: '/usr/bin/chromium' },
    },
    {
      desc: 'Chrome when Chromium is absent',
      env: {},
      present: ['/usr/bin/google-chrome'],
      want: { kind: 'found', path: '/usr/bin/google-chrome' },
    },
    {
      desc: 'CHROME_PATH over the install paths',
      env: { CHROME_PATH: '/opt/chrome/chrome' },
      present: ['/opt/chrome/chrome', '/usr/bin/chromium'],
      want: { kind: 'found', path: '/opt/chrome/chrome' },
    },
    {
      desc: 'a wrong CHROME_PATH, reported rather than replaced',
      env: { CHROME_PATH: '/nowhere/chrome' },
      present: ['/usr/bin/chromium'],
      want: { kind: 'missing', tried: ['/nowhere/chrome'] },
    },
    {
      desc: 'nothing installed',
      env: {},
      present: [],
      want: { kind: 'missing', tried: [...BROWSER_INSTALL_PATHS] },
    },
  ];
  for (const { desc, env, present, want } of cases) {
    it(desc, () => {
      expect(findBrowser(env, installed(present))).to.deep.equal(want);
    });
  }

  it('browser tests are required under CI=true only', () => {
    expect(browserTestsRequired({ CI: 'true' })).to.equal(true);
    expect(browserTestsRequired({})).to.equal(false);
    expect(browserTestsRequired({ CI: 'false' })).to.equal(false);
  });

  it('the notice is one line that says how to enable the tests', () => {
    const notice = missingBrowserNotice(['/usr/bin/chromium']);
    expect(notice).not.to.include('\n');
    expect(notice).to.match(/SKIPPED.*\/usr\/bin\/chromium.*CHROME_PATH=.*CI=true/);
  });
});
