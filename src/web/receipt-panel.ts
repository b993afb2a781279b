// A receipt as the console shows it: the JSON a buyer keeps, and a button that verifies it in the
// browser (Web Crypto) against the exchange certificate, without trusting this page's server.
import { html, type SafeHtml } from './html.js';
import type { ConsoleView } from './view.js';

export const RECEIPT_SCRIPT = 'receipt-page.js';

export function receiptPanel(view: ConsoleView, receipt: unknown, id = 'receipt'): SafeHtml {
  return html`<section class="receipt" data-receipt-panel aria-labelledby="${id}-title">
    <h2 id="${id}-title">${view.t('ledger.receipt')}</h2>
    <p class="hint">${view.t('ledger.receiptHint')}</p>
    <details>
      <summary>${view.t('ledger.receiptJson')}</summary>
      <pre id="${id}-json" data-receipt-json>${JSON.stringify(receipt, null, 2)}</pre>
    </details>
    <div class="actions">
      <button
        type="button"
        data-verify-receipt
        data-ok="${view.t('ledger.verified')}"
        data-failed="${view.t('ledger.verifyFailed')}"
      >
        ${view.t('ledger.verify')}
      </button>
      <a class="button secondary" href="/api/v1/ledger/certificate" download="exchange.pem"
        >${view.t('ledger.certificate')}</a
      >
    </div>
    <div data-verify-result role="status" aria-live="polite"></div>
  </section>`;
}
