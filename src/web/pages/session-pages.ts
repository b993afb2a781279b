// Sign-in (API key → session cookie), sign-out, and the language switch.
import { isAnonexError } from '../../core/errors.js';
import { CONSOLE_SESSION_LIFETIME_MS } from '../../services/console/console-sessions.js';
import { LANGUAGE_COOKIE, SESSION_COOKIE, parseCookies, serializeCookie } from '../cookies.js';
import { formText, page, type ConsoleRoute, type ConsoleResult } from '../console-route.js';
import { html } from '../html.js';
import { LANGUAGES } from '../i18n/index.js';
import type { ConsoleView } from '../view.js';

/** Only paths inside the console are followed after sign-in or a language switch (no open redirect). */
export function safeConsolePath(candidate: string | undefined): string {
  if (!candidate || !/^\/console(?:[/?#]|$)/.test(candidate) || /[\r\n\\]/.test(candidate))
    return '/console';
  return candidate;
}

function signInForm(view: ConsoleView, next: string, failed: boolean): ConsoleResult {
  return page(
    view.t('signIn.title'),
    html`${failed ? html`<div class="notice notice-error" role="alert"><p>${view.t('signIn.failed')}</p></div>` : ''}
      <form method="post" action="/console/sign-in" class="stacked-form narrow">
        <input type="hidden" name="next" value="${next}" />
        <label for="api-key">${view.t('signIn.key')}</label>
        <input
          id="api-key"
          name="apiKey"
          type="password"
          autocomplete="off"
          required
          aria-describedby="api-key-hint"
          spellcheck="false"
        />
        <p id="api-key-hint" class="hint">${view.t('signIn.keyHint')}</p>
        <button type="submit">${view.t('signIn.submit')}</button>
      </form>`,
    { status: failed ? 401 : 200 },
  );
}

const isSecure = (protocol: string): boolean => protocol === 'https';

/** 303 to `location`, setting one cookie on the way (sign-in, sign-out, language). */
function redirectSettingCookie(location: string, setCookie: string): ConsoleResult {
  return {
    kind: 'raw',
    status: 303,
    contentType: 'text/plain',
    body: '',
    headers: { Location: location, 'Set-Cookie': setCookie },
  };
}

export const sessionPages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/sign-in',
    access: 'public',
    handle: async ({ req, view }) =>
      signInForm(view, safeConsolePath(String(req.query.next ?? '')), false),
  },
  {
    method: 'post',
    path: '/sign-in',
    access: 'public',
    handle: async ({ req, view, services, form }) => {
      const next = safeConsolePath(formText(form, 'next'));
      try {
        const session = await services.consoleSessions.signIn(
          formText(form, 'apiKey'),
          view.requestId,
        );
        return redirectSettingCookie(
          next,
          serializeCookie(SESSION_COOKIE, session.token, {
            httpOnly: true,
            secure: isSecure(req.protocol),
            // The server ends the session at expiresAtMs whatever the browser keeps.
            maxAgeSeconds: CONSOLE_SESSION_LIFETIME_MS / 1000,
          }),
        );
      } catch (error) {
        if (isAnonexError(error) && error.code === 'unauthenticated')
          return signInForm(view, next, true);
        throw error;
      }
    },
  },
  {
    method: 'post',
    path: '/sign-out',
    access: 'session',
    handle: async ({ req, view, services }) => {
      const token = parseCookies(req.get('cookie')).get(SESSION_COOKIE);
      if (token) await services.consoleSessions.signOut(token, view.requestId);
      return redirectSettingCookie(
        '/console/sign-in',
        serializeCookie(SESSION_COOKIE, '', {
          httpOnly: true,
          secure: isSecure(req.protocol),
          maxAgeSeconds: 0,
        }),
      );
    },
  },
  {
    method: 'get',
    path: '/language',
    access: 'public',
    handle: async ({ req }) => {
      const requested = String(req.query.to ?? '');
      const language = (LANGUAGES as readonly string[]).includes(requested) ? requested : 'zh';
      return redirectSettingCookie(
        safeConsolePath(String(req.query.back ?? '')),
        serializeCookie(LANGUAGE_COOKIE, language, {
          httpOnly: false,
          secure: isSecure(req.protocol),
          maxAgeSeconds: 365 * 24 * 60 * 60,
        }),
      );
    },
  },
];
