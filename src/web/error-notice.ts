// The one way console pages show a refusal: an alert with the detail and the fields the service named.
import type { FieldIssue } from '../core/errors.js';
import { html, type SafeHtml } from './html.js';

/** Nothing when there is neither a detail nor an issue, so forms can always include it. */
export function errorNotice(options: {
  detail?: string;
  issues?: readonly FieldIssue[];
  footer?: SafeHtml;
}): SafeHtml {
  const issues = options.issues ?? [];
  if (!options.detail && issues.length === 0) return html``;
  return html`<div class="notice notice-error" role="alert">
    ${options.detail ? html`<p>${options.detail}</p>` : ''}
    ${
      issues.length > 0
        ? html`<ul>
            ${issues.map((issue) => html`<li><code>${issue.field}</code>: ${issue.reason}</li>`)}
          </ul>`
        : ''
    }
    ${options.footer ?? ''}
  </div>`;
}
