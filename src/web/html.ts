// HTML built by a tagged template that escapes every interpolation unless it is already SafeHtml,
// so no data value can inject markup into a console page.
import { escapeHtml } from '../core/escape-html.js';

const SAFE = Symbol('SafeHtml');

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
}

function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && SAFE in value;
}

/** Marks trusted markup (our own templates, never user or data text) as safe. */
export function trustedHtml(markup: string): SafeHtml {
  return { [SAFE]: true, value: markup };
}

/** Interpolation rules: SafeHtml as is; arrays joined; null, undefined and false as nothing. */
function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (isSafeHtml(value)) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let markup = strings[0];
  for (let index = 0; index < values.length; index++) {
    markup += render(values[index]) + strings[index + 1];
  }
  return trustedHtml(markup);
}

export function toHtmlString(fragment: SafeHtml): string {
  return fragment.value;
}
