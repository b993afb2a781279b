// A receipt as the console shows it: the JSON a buyer keeps, and a button that verifies it in the
// browser (Web Crypto) against the exchange certificate, without trusting this page's server.
// receipt-page.js wires every `[data-receipt-panel]`: its `[data-receipt-json]` (a <pre> or a
// <textarea>), its `[data-verify-receipt]` button and its `[data-verify-result]` status.
import { html, type SafeHtml } from './html.js';
import type { ConsoleView } from './view.js';

export const RECEIPT_SCRIPT = 'receipt-page.js';

/** The verify button and the status line it fills; `extra` goes beside the button. */
function verifyControls(view: ConsoleView, extra: SafeHtml = html``): SafeHtml {
  return html`<div class="actions">
      <button
        type="button"
        data-verify-receipt
        data-ok="${view.t('ledger.verified')}"
        data-failed="${view.t('ledger.verifyFailed')}"
      >
        ${view.t('ledger.verify')}
      </button>
      ${extra}
    </div>
    <div data-verify-result role="status" aria-live="polite"></div>`;
}

export function receiptPanel(view: ConsoleView, receipt: unknown, id = 'receipt'): SafeHtml {
  return html`<section class="receipt" data-receipt-panel aria-labelledby="${id}-title">
    <h2 id="${id}-title">${view.t('ledger.receipt')}</h2>
    <p class="hint">${view.t('ledger.receiptHint')}</p>
    <details>
      <summary>${view.t('ledger.receiptJson')}</summary>
      <pre id="${id}-json" data-receipt-json>${JSON.stringify(receipt, null, 2)}</pre>
    </details>
    ${verifyControls(view, html`<a class="button secondary" href="/api/v1/ledger/certificate" download="exchange.pem">${view.t('ledger.certificate')}</a>`)}
  </section>`;
}

/** A box where anyone pastes a receipt to verify it. */
export function receiptPasteBox(view: ConsoleView): SafeHtml {
  return html`<section data-receipt-panel aria-labelledby="paste-title">
    <h2 id="paste-title">${view.t('ledger.pasteTitle')}</h2>
    <label for="pasted-receipt">${view.t('ledger.pasteLabel')}</label>
    <textarea id="pasted-receipt" data-receipt-json rows="6" spellcheck="false"></textarea>
    ${verifyControls(view)}
  </section>`;
}
