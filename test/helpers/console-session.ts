// Signs in to the console as a browser does (a same-origin form post) without a browser, for page tests over fetch.
import type { TestGateway } from './gateway.js';

/** Posts the sign-in form with `key`; returns the status, the session cookie and the redirect. */
export async function signIn(
  gateway: TestGateway,
  key: string,
): Promise<{ status: number; cookie: string; location: string | null }> {
  const response = await fetch(`${gateway.url}/console/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: gateway.url },
    body: new URLSearchParams({ apiKey: key, next: '/console/catalog' }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  return { status: response.status, cookie, location: response.headers.get('location') };
}
