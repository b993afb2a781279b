// Console pages over fetch, as a signed-in member in a chosen language, and what a person sees of them.
import { LANGUAGE_COOKIE } from '../../src/web/cookies.js';
import { signIn } from './console-session.js';
import type { TestGateway } from './gateway.js';

export interface ConsoleClient {
  get(path: string): Promise<{ status: number; html: string }>;
  /** Posts a form as the page would (same origin, the session's CSRF token added). */
  post(
    path: string,
    fields: Record<string, string | readonly string[]>,
    options?: { referer?: string },
  ): Promise<{ status: number; html: string; location: string | null }>;
}

export async function consoleClient(
  gateway: TestGateway,
  key: string,
  language: 'zh' | 'en' = 'zh',
): Promise<ConsoleClient> {
  const { cookie: session } = await signIn(gateway, key);
  const cookie = `${session}; ${LANGUAGE_COOKIE}=${language}`;
  const csrf = async (): Promise<string> => {
    const page = await (await fetch(`${gateway.url}/console`, { headers: { cookie } })).text();
    return /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  };
  const token = await csrf();
  return {
    async get(path) {
      const response = await fetch(`${gateway.url}${path}`, { headers: { cookie } });
      return { status: response.status, html: await response.text() };
    },
    async post(path, fields, options = {}) {
      const body = new URLSearchParams({ _csrf: token });
      for (const [name, value] of Object.entries(fields))
        for (const item of typeof value === 'string' ? [value] : value) body.append(name, item);
      const response = await fetch(`${gateway.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie,
          origin: gateway.url,
          'content-type': 'application/x-www-form-urlencoded',
          ...(options.referer ? { referer: `${gateway.url}${options.referer}` } : {}),
        },
        body,
      });
      return {
        status: response.status,
        html: await response.text(),
        location: response.headers.get('location'),
      };
    },
  };
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&#96;': '`',
  '&nbsp;': ' ',
};

/** The text a person reads in `<main>`: no tags, attributes, scripts or styles; whitespace collapsed. */
export function visibleText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html;
  return main
    .replace(/<(script|style|template)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[#\w]+;/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of the element carrying `attribute` (its first occurrence), tags removed. */
export function textOf(html: string, attribute: string): string | undefined {
  const at = html.indexOf(attribute);
  if (at < 0) return undefined;
  const open = html.lastIndexOf('<', at);
  const tag = /^<(\w+)/.exec(html.slice(open))?.[1];
  if (!tag) return undefined;
  const close = html.indexOf(`</${tag}`, at);
  return visibleText(html.slice(html.indexOf('>', at) + 1, close));
}
