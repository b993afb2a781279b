// The page shell: skip link, header with role-aware navigation, language switch, sign-out form.
import type { Role } from '../domain/index.js';
import { html, toHtmlString, type SafeHtml } from './html.js';
import { MESSAGES } from './i18n/messages.js';
import type { MessageKey } from './i18n/index.js';
import type { ConsoleView } from './view.js';

interface NavigationItem {
  readonly href: string;
  readonly label: MessageKey;
  /** Shown to members holding any of these roles; everyone when absent. */
  readonly roles?: readonly Role[];
  /** Shown to visitors who have not signed in too (the ledger is open to every auditor). */
  readonly public?: boolean;
}

const NAVIGATION: readonly NavigationItem[] = [
  { href: '/console', label: 'nav.home' },
  { href: '/console/review', label: 'nav.review', roles: ['reviewer'] },
  { href: '/console/datasets', label: 'nav.datasets', roles: ['provider'] },
  { href: '/console/listings', label: 'nav.listings', roles: ['provider'] },
  { href: '/console/requests', label: 'nav.requests', roles: ['provider', 'buyer', 'admin'] },
  { href: '/console/catalog', label: 'nav.catalog' },
  { href: '/console/entitlements', label: 'nav.entitlements', roles: ['buyer'] },
  { href: '/console/incidents', label: 'nav.incidents', roles: ['provider', 'buyer', 'admin'] },
  { href: '/console/ledger', label: 'nav.ledger', public: true },
];

/** A hidden field carrying the session's CSRF token; every POST form includes it. */
export function csrfField(view: ConsoleView): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${view.session?.csrfToken ?? ''}" />`;
}

function navigation(view: ConsoleView): SafeHtml {
  const roles = view.session?.principal.roles ?? [];
  const items = NAVIGATION.filter((item) =>
    view.session
      ? !item.roles || item.roles.some((role) => roles.includes(role))
      : item.public === true,
  );
  const currentPath = view.path.split('?')[0];
  return html`<nav aria-label="${view.t('nav.main')}">
    <ul>
      ${items.map((item) => {
        const current =
          item.href === '/console' ? currentPath === '/console' : currentPath.startsWith(item.href);
        return html`<li>
          <a href="${item.href}" ${current ? html` aria-current="page"` : ''}
            >${view.t(item.label)}</a
          >
        </li>`;
      })}
    </ul>
  </nav>`;
}

/** The query parameter a redirect after a POST carries to say what succeeded (`?done=ordered`). */
const DONE_PARAMETER = 'done';

/** `location` with the success message named `done` (a `done.<name>` message) to show on arrival. */
export function withDone(location: string, done: string): string {
  return `${location}${location.includes('?') ? '&' : '?'}${DONE_PARAMETER}=${encodeURIComponent(done)}`;
}

/** The success message a redirect asked for, if it names one the console has. */
function doneNotice(view: ConsoleView): SafeHtml {
  const query = view.path.split('?')[1] ?? '';
  const done = new URLSearchParams(query).get(DONE_PARAMETER);
  const key = `done.${done ?? ''}`;
  if (!done || !(key in MESSAGES)) return html``;
  return html`<div class="notice notice-ok" role="status" data-done="${done}">
    <p>${view.t(key as MessageKey)}</p>
  </div>`;
}

export interface PageOptions {
  readonly title: string;
  readonly body: SafeHtml;
  /** Extra scripts from /console/assets (no inline scripts: the CSP forbids them). */
  readonly scripts?: readonly string[];
}

export function renderPage(view: ConsoleView, options: PageOptions): string {
  const otherLanguage = view.language === 'zh' ? 'en' : 'zh';
  const switchHref = `/console/language?to=${otherLanguage}&back=${encodeURIComponent(view.path)}`;
  const page = html`<!doctype html>
    <html lang="${view.language === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · anonex</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/console/assets/console.css" />
        ${(options.scripts ?? []).map((name) => html`<script type="module" src="/console/assets/${name}"></script>`)}
      </head>
      <body>
        <a class="skip-link" href="#content">${view.t('nav.skip')}</a>
        <header class="site-header">
          <a class="brand" href="/console">anonex</a>
          ${navigation(view)}
          <div class="header-tools">
            <a
              href="${switchHref}"
              lang="${otherLanguage === 'zh' ? 'zh-CN' : 'en'}"
              title="${view.t('lang.label')}"
              >${view.t('lang.switch')}</a
            >
            ${
              view.session
                ? html`<form method="post" action="/console/sign-out" class="inline-form">
                    ${csrfField(view)}<button type="submit" class="link-button">
                      ${view.t('nav.signOut')}
                    </button>
                  </form>`
                : html`<a href="/console/sign-in">${view.t('signIn.title')}</a>`
            }
          </div>
        </header>
        <main id="content" tabindex="-1">
          <h1>${options.title}</h1>
          ${doneNotice(view)}${options.body}
        </main>
        <footer class="site-footer"><p>${view.t('app.tagline')}</p></footer>
      </body>
    </html>`;
  return toHtmlString(page);
}
