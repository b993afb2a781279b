// The one way console pages show a refusal: an alert with the detail and one line per problem
// (already in the page's language: see field-errors.ts).
import { html, type SafeHtml } from './html.js';

/** Nothing when there is neither a detail nor a line, so forms can always include it. */
export function errorNotice(options: {
  detail?: string;
  lines?: readonly SafeHtml[];
  footer?: SafeHtml;
}): SafeHtml {
  const lines = options.lines ?? [];
  if (!options.detail && lines.length === 0) return html``;
  return html`<div class="notice notice-error" role="alert" data-error-notice>
    ${options.detail ? html`<p>${options.detail}</p>` : ''}
    ${
      lines.length > 0
        ? html`<ul>
            ${lines.map((line) => html`<li>${line}</li>`)}
          </ul>`
        : ''
    }
    ${options.footer ?? ''}
  </div>`;
}
