// The console's Express router: assets, language, session cookie, CSRF, and one error page.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { isAnonexError, type FieldIssue } from '../core/errors.js';
import { toProblem } from '../edge/problem.js';
import { requestIdOf } from '../edge/request-id.js';
import { sendChunks } from '../edge/send-chunks.js';
import type { Services } from '../services/index.js';
import { requestContext } from '../services/request-context.js';
import { LANGUAGE_COOKIE, SESSION_COOKIE, parseCookies } from './cookies.js';
import type { ConsoleResult, ConsoleRoute, FormFields } from './console-route.js';
import { consoleSecurityHeaders } from './console-security.js';
import { isCsrfTokenValid, isSameOrigin } from './csrf.js';
import { errorNotice } from './error-notice.js';
import { FormErrors } from './field-errors.js';
import { html, type SafeHtml } from './html.js';
import { toLanguage, translator } from './i18n/index.js';
import { problemMessage } from './problem-message.js';
import { renderPage } from './layout.js';
import { safeConsolePath } from './pages/session-pages.js';
import type { ConsoleView, SignedInView } from './view.js';

const assetsDirectory = join(dirname(fileURLToPath(import.meta.url)), 'assets');

function baseView(req: Request, res: Response): ConsoleView {
  const language = toLanguage(parseCookies(req.get('cookie')).get(LANGUAGE_COOKIE));
  return { language, t: translator(language), path: req.originalUrl, requestId: requestIdOf(res) };
}

function send(res: Response, view: ConsoleView, result: ConsoleResult): void {
  switch (result.kind) {
    case 'redirect':
      res.redirect(303, result.location);
      return;
    case 'raw':
      for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
      res
        .status(result.status ?? 200)
        .type(result.contentType)
        .send(result.body);
      return;
    case 'stream': {
      for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
      res.status(200).type(result.contentType);
      // A failure mid-stream has destroyed the response (the client sees the cut); nothing to add.
      sendChunks(result.chunks, res).catch(() => undefined);
      return;
    }
    case 'page':
      res
        .status(result.status ?? 200)
        .type('html')
        .send(
          renderPage(view, { title: result.title, body: result.body, scripts: result.scripts }),
        );
  }
}

function errorPage(
  view: ConsoleView,
  status: number,
  message: string,
  issues: readonly FieldIssue[],
  back = '/console',
  extra: SafeHtml = html``,
): ConsoleResult {
  const errors = new FormErrors(view, issues);
  return {
    kind: 'page',
    status,
    title: view.t('error.title'),
    body: html`${errorNotice({
        detail: message,
        lines: errors.lines(),
        footer: html`<p class="muted">${view.t('problem.requestId')} ${view.requestId}</p>`,
      })}${extra}
      <p><a href="${back}">${view.t('error.back')}</a></p>`,
  };
}

/** Back to the console page the form was on (the Referer), else the dashboard. */
function backPath(req: Request): string {
  const referer = req.get('referer');
  if (!referer) return '/console';
  try {
    const url = new URL(referer);
    return url.host === req.get('host') ? safeConsolePath(url.pathname + url.search) : '/console';
  } catch {
    return '/console';
  }
}

/** Known errors become a page (sign-in redirect, 403, 404, 400/409 with reasons); others go to the app's handler. */
function handleConsoleError(
  error: unknown,
  req: Request,
  res: Response,
  view: ConsoleView,
  next: NextFunction,
): void {
  if (!isAnonexError(error)) {
    next(error);
    return;
  }
  if (error.code === 'unauthenticated') {
    send(res, view, {
      kind: 'redirect',
      location: `/console/sign-in?next=${encodeURIComponent(req.originalUrl)}`,
    });
    return;
  }
  const { problem, unexpected } = toProblem(error);
  if (unexpected) {
    next(error);
    return;
  }
  const extra =
    problem.code === 'entitlement_exists' && typeof problem.details?.entitlementId === 'string'
      ? html`<p>
          <a href="/console/entitlements/${problem.details.entitlementId}" data-held-entitlement
            >${view.t('problem.openEntitlement')}</a
          >
        </p>`
      : html``;
  send(
    res,
    view,
    errorPage(
      view,
      problem.status,
      problemMessage(view, problem),
      problem.errors ?? [],
      backPath(req),
      extra,
    ),
  );
}

export function createConsoleRouter(services: Services, routes: readonly ConsoleRoute[]): Router {
  const router = express.Router();
  router.use(
    '/assets',
    express.static(assetsDirectory, { fallthrough: false, maxAge: '1h', index: false }),
  );
  router.use(consoleSecurityHeaders);
  router.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 2000 }));

  for (const route of routes) {
    router[route.method](route.path, async (req, res, next) => {
      const view = baseView(req, res);
      // The view error pages use: it gains the session (and so the navigation) once resolved.
      let current: ConsoleView = view;
      try {
        const form = (req.method === 'POST' ? (req.body ?? {}) : {}) as FormFields;
        if (req.method === 'POST' && !isSameOrigin(req)) {
          send(res, view, errorPage(view, 403, view.t('error.csrf'), []));
          return;
        }
        const token = parseCookies(req.get('cookie')).get(SESSION_COOKIE);
        if (route.access === 'public') {
          // A public page shows a signed-in visitor what their roles let them read (the ledger
          // explorer opens a party's commitments); an ended session is simply no session.
          const session =
            token === undefined
              ? undefined
              : await services.consoleSessions.resolveSession(token).catch(() => undefined);
          const shown = session ? signedInView(view, session) : view;
          send(res, shown, await route.handle({ req, view: shown, services, form }));
          return;
        }
        const session = await services.consoleSessions.resolveSession(token);
        res.locals.principal = session.principal;
        const signedIn = signedInView(view, session);
        current = signedIn;
        // Forms send the token as a field; scripts posting a raw body (uploads) send a header.
        const presentedToken = String(form._csrf ?? req.get('x-csrf-token') ?? '');
        if (req.method === 'POST' && !isCsrfTokenValid(presentedToken, session.csrfToken)) {
          send(res, signedIn, errorPage(signedIn, 403, view.t('error.csrf'), []));
          return;
        }
        send(res, signedIn, await route.handle({ req, view: signedIn, services, form }));
      } catch (error) {
        handleConsoleError(error, req, res, current, next);
      }
    });
  }
  return router;
}

function signedInView(
  view: ConsoleView,
  session: Awaited<ReturnType<Services['consoleSessions']['resolveSession']>>,
): SignedInView {
  return {
    ...view,
    session: {
      principal: session.principal,
      context: requestContext(session.principal, view.requestId),
      csrfToken: session.csrfToken,
      nowMs: session.nowMs,
    },
  };
}
