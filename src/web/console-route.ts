// How a console page is declared: a method, a path, whether it needs a session, and a handler
// that returns a page or a redirect. The router (console-router.ts) does cookies, CSRF and errors.
import type { Request } from 'express';
import { isAnonexError, type AnonexError, type FieldIssue } from '../core/errors.js';
import { toProblem } from '../edge/problem.js';
import type { Services } from '../services/index.js';
import type { SafeHtml } from './html.js';
import type { ConsoleView, SignedInView } from './view.js';

export interface PageResult {
  readonly kind: 'page';
  readonly status?: number;
  readonly title: string;
  readonly body: SafeHtml;
  readonly scripts?: readonly string[];
}

export interface RedirectResult {
  readonly kind: 'redirect';
  /** A path under /console (303 See Other after a POST). */
  readonly location: string;
}

/** A non-HTML answer (a download, a JSON fragment for a progressive script). */
export interface RawResult {
  readonly kind: 'raw';
  readonly status?: number;
  readonly contentType: string;
  readonly body: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A streamed download (fingerprinted copies): never held whole in memory. */
export interface StreamResult {
  readonly kind: 'stream';
  readonly contentType: string;
  readonly chunks: AsyncIterable<Uint8Array>;
  readonly headers?: Readonly<Record<string, string>>;
}

export type ConsoleResult = PageResult | RedirectResult | RawResult | StreamResult;

/** Form fields as the urlencoded parser gives them: strings, or arrays for repeated names. */
export type FormFields = Readonly<Record<string, string | string[] | undefined>>;

interface RouteBase {
  readonly method: 'get' | 'post';
  readonly path: string;
}

export interface PublicConsoleRoute extends RouteBase {
  readonly access: 'public';
  handle(input: {
    req: Request;
    view: ConsoleView;
    services: Services;
    form: FormFields;
  }): Promise<ConsoleResult>;
}

export interface SessionConsoleRoute extends RouteBase {
  readonly access: 'session';
  handle(input: {
    req: Request;
    view: SignedInView;
    services: Services;
    form: FormFields;
  }): Promise<ConsoleResult>;
}

export type ConsoleRoute = PublicConsoleRoute | SessionConsoleRoute;

export const page = (
  title: string,
  body: SafeHtml,
  options: { status?: number; scripts?: string[] } = {},
): PageResult => ({
  kind: 'page',
  title,
  body,
  ...options,
});

export const redirect = (location: string): RedirectResult => ({ kind: 'redirect', location });

/** The first value of a form field, trimmed; '' when absent. */
export function formText(form: FormFields, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** Every value of a repeated form field (checkbox groups). */
export function formList(form: FormFields, name: string): string[] {
  const value = form[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value])
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Runs a form's action; when the service refuses the input field by field (`validation_failed`
 * and any other 400 naming fields), the form is shown again with status 400, filled in with what
 * was typed, and with each problem next to its field.
 */
export async function submitForm(
  action: () => Promise<ConsoleResult>,
  redisplay: (issues: readonly FieldIssue[]) => PageResult | Promise<PageResult>,
): Promise<ConsoleResult> {
  try {
    return await action();
  } catch (error) {
    if (isFieldRefusal(error)) return { ...(await redisplay(error.issues)), status: 400 };
    throw error;
  }
}

/** A refusal a form can show next to its fields: a 400 that names them. */
function isFieldRefusal(error: unknown): error is AnonexError {
  if (!isAnonexError(error) || error.issues.length === 0) return false;
  return error.code === 'validation_failed' || toProblem(error).problem.status === 400;
}
