// Reading the Cookie header and writing Set-Cookie values for the console's two cookies.

export const SESSION_COOKIE = 'anonex_session';
export const LANGUAGE_COOKIE = 'anonex_lang';

/** Parses `a=1; b=2`; malformed pairs are skipped, never thrown on. */
export function parseCookies(header: string | undefined): ReadonlyMap<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const name = pair.slice(0, separator).trim();
    const rawValue = pair.slice(separator + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(rawValue));
    } catch {
      // A value that is not valid percent-encoding is ignored like any foreign cookie.
    }
  }
  return cookies;
}

export interface CookieOptions {
  readonly httpOnly: boolean;
  /** Set behind TLS, so the cookie never travels in clear. */
  readonly secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  readonly maxAgeSeconds: number;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/console',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
  ];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
