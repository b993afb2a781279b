import { expect } from 'chai';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';
import { CONSOLE_CSP } from '../../src/web/console-security.js';
import { safeConsolePath } from '../../src/web/pages/session-pages.js';
import { signIn } from '../helpers/console-session.js';

const csrfOf = (page: string): string => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

describe('web/console sessions', () => {
  let gateway: TestGateway;
  let buyer: TestMember;
  before(async () => {
    gateway = await startTestGateway();
    buyer = await gateway.createMember(['buyer']);
  });
  after(() => gateway.stop());

  it('redirects a visitor without a session to the sign-in page', async () => {
    const response = await fetch(`${gateway.url}/console`, { redirect: 'manual' });
    expect(response.status).to.equal(303);
    expect(response.headers.get('location')).to.equal('/console/sign-in?next=%2Fconsole');
  });

  it('serves pages with a CSP that allows no inline script or style', async () => {
    const response = await fetch(`${gateway.url}/console/sign-in`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-security-policy')).to.equal(CONSOLE_CSP);
    expect(CONSOLE_CSP).to.not.include('unsafe-inline');
    const body = await response.text();
    expect(body).to.not.match(/<script>(?!<\/script>)/);
    expect(body).to.not.include(' style=');
  });

  it('exchanges a valid key for an HttpOnly SameSite=Strict cookie and shows the dashboard', async () => {
    const { status, cookie, location } = await signIn(gateway, buyer.key);
    expect(status).to.equal(303);
    expect(location).to.equal('/console/catalog');
    const response = await fetch(`${gateway.url}/console`, { headers: { cookie } });
    expect(response.status).to.equal(200);
    const page = await response.text();
    expect(page).to.include(buyer.member.displayName);
    expect(page).to.include(buyer.organization.name);
  });

  it('marks the cookie HttpOnly and SameSite=Strict, scoped to /console', async () => {
    const response = await fetch(`${gateway.url}/console/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: gateway.url },
      body: new URLSearchParams({ apiKey: buyer.key }),
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).to.include('HttpOnly');
    expect(setCookie).to.include('SameSite=Strict');
    expect(setCookie).to.include('Path=/console');
  });

  it('refuses an unknown key with the sign-in form again (401)', async () => {
    const { status } = await signIn(gateway, 'anx_notarealkeyatall0000000000000000000000000');
    expect(status).to.equal(401);
  });

  it('refuses a form posted from another origin', async () => {
    const response = await fetch(`${gateway.url}/console/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://evil.example',
      },
      body: new URLSearchParams({ apiKey: buyer.key }),
    });
    expect(response.status).to.equal(403);
    expect(response.headers.get('set-cookie')).to.equal(null);
  });

  it('refuses a signed-in POST without the session CSRF token, and signs out with it', async () => {
    const { cookie } = await signIn(gateway, buyer.key);
    const forged = await fetch(`${gateway.url}/console/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: gateway.url },
      body: new URLSearchParams({ _csrf: 'wrong' }),
    });
    expect(forged.status).to.equal(403);
    const dashboard = await (await fetch(`${gateway.url}/console`, { headers: { cookie } })).text();
    const signOut = await fetch(`${gateway.url}/console/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: gateway.url },
      body: new URLSearchParams({ _csrf: csrfOf(dashboard) }),
    });
    expect(signOut.status).to.equal(303);
    const after = await fetch(`${gateway.url}/console`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(after.status).to.equal(303);
  });

  it('ends the session when its API key is revoked', async () => {
    const member = await gateway.createMember(['provider']);
    const { cookie } = await signIn(gateway, member.key);
    expect(
      (await fetch(`${gateway.url}/console`, { headers: { cookie }, redirect: 'manual' })).status,
    ).to.equal(200);
    await gateway.services.apiKeys.revokeApiKey(gateway.admin.context, member.apiKeyId);
    expect(
      (await fetch(`${gateway.url}/console`, { headers: { cookie }, redirect: 'manual' })).status,
    ).to.equal(303);
  });

  it('ends the session after its lifetime', async () => {
    const member = await gateway.createMember(['reviewer']);
    const { cookie } = await signIn(gateway, member.key);
    gateway.clock.advance(8 * 60 * 60 * 1000 + 1);
    expect(
      (await fetch(`${gateway.url}/console`, { headers: { cookie }, redirect: 'manual' })).status,
    ).to.equal(303);
  });

  it('switches language with a cookie and follows only console paths back', async () => {
    const response = await fetch(
      `${gateway.url}/console/language?to=en&back=%2Fconsole%2Fsign-in`,
      { redirect: 'manual' },
    );
    expect(response.status).to.equal(303);
    expect(response.headers.get('location')).to.equal('/console/sign-in');
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await (
      await fetch(`${gateway.url}/console/sign-in`, { headers: { cookie } })
    ).text();
    expect(page).to.include('<html lang="en">');
    expect(page).to.include('API key');
  });

  const redirects = [
    { desc: 'a console path', input: '/console/catalog?q=1', want: '/console/catalog?q=1' },
    { desc: 'another site', input: 'https://evil.example/console', want: '/console' },
    { desc: 'a protocol-relative URL', input: '//evil.example/console', want: '/console' },
    { desc: 'a path outside the console', input: '/api/v1/me', want: '/console' },
    { desc: 'a look-alike prefix', input: '/consolex', want: '/console' },
  ];
  for (const { desc, input, want } of redirects) {
    it(`follows back to ${desc} only when safe`, () =>
      expect(safeConsolePath(input)).to.equal(want));
  }
});
