// The ledger explorer, open to anyone (auditors need no account): the latest signed checkpoint,
// entries page by page, one entry with its receipt, and a box to verify a pasted receipt.
import { isAnonexError } from '../../core/errors.js';
import { openEntry } from '../../core/ledger/index.js';
import { page, type ConsoleRoute } from '../console-route.js';
import { formatTime, shortHash } from '../format.js';
import { html } from '../html.js';
import { RECEIPT_SCRIPT, receiptPanel, receiptPasteBox } from '../receipt-panel.js';
import { ledgerFields, ledgerKindLabel } from '../vocabulary.js';

const PAGE_SIZE = 25;

interface EntrySummary {
  readonly kind: string;
  readonly recordedAtMs: number | undefined;
}

function summarize(entryText: string): EntrySummary {
  try {
    const entry = JSON.parse(entryText) as { kind?: unknown; recorded_at_ms?: unknown };
    return {
      kind: typeof entry.kind === 'string' ? entry.kind : '?',
      recordedAtMs: typeof entry.recorded_at_ms === 'number' ? entry.recorded_at_ms : undefined,
    };
  } catch {
    return { kind: '?', recordedAtMs: undefined };
  }
}

/** Non-negative integer from a query or path parameter, or undefined. */
function toIndex(value: unknown): number | undefined {
  const text = String(value ?? '');
  return /^(0|[1-9][0-9]{0,14})$/.test(text) ? Number(text) : undefined;
}

export const ledgerPages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/ledger',
    access: 'public',
    handle: async ({ req, view, services }) => {
      const ledger = services.ledger;
      const checkpoint = await ledger.latestCheckpoint().catch((error: unknown) => {
        if (isAnonexError(error) && error.code === 'not_found') return undefined;
        throw error;
      });
      const treeSize = checkpoint?.treeSize ?? 0;
      const end = Math.min(toIndex(req.query.before) ?? treeSize, treeSize);
      const start = Math.max(0, end - PAGE_SIZE);
      const entries = end > start ? (await ledger.entries(start, end)).reverse() : [];
      const body = html`<p class="lead">${view.t('ledger.intro')}</p>
        ${
          checkpoint && checkpoint.treeSize > 0
            ? html`<h2>${view.t('ledger.checkpoint')}</h2>
                <dl class="facts">
                  <dt>${view.t('ledger.treeSize')}</dt>
                  <dd data-tree-size>${checkpoint.treeSize}</dd>
                  <dt>${view.t('ledger.rootHash')}</dt>
                  <dd><code>${checkpoint.rootHash}</code></dd>
                </dl>
                <pre>${checkpoint.checkpoint}</pre>
                <h2>${view.t('ledger.entries')}</h2>
                <div class="table-scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col" class="number">${view.t('ledger.index')}</th>
                        <th scope="col">${view.t('ledger.kind')}</th>
                        <th scope="col">${view.t('ledger.recordedAt')}</th>
                        <th scope="col">${view.t('ledger.leafHash')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${entries.map((entry) => {
                        const summary = summarize(entry.entry);
                        return html`<tr>
                          <td class="number">
                            <a href="/console/ledger/entries/${entry.leafIndex}"
                              >${entry.leafIndex}</a
                            >
                          </td>
                          <td data-ledger-kind="${summary.kind}">
                            ${ledgerKindLabel(view, summary.kind)}
                          </td>
                          <td>${formatTime(view.language, summary.recordedAtMs)}</td>
                          <td>
                            <code title="${entry.leafHash}">${shortHash(entry.leafHash)}</code>
                          </td>
                        </tr>`;
                      })}
                    </tbody>
                  </table>
                </div>
                <nav class="pagination" aria-label="${view.t('ledger.entries')}">
                  ${end < treeSize ? html`<a href="/console/ledger?before=${Math.min(treeSize, end + PAGE_SIZE)}">${view.t('ledger.newer')}</a>` : ''}
                  ${start > 0 ? html`<a href="/console/ledger?before=${start}">${view.t('ledger.older')}</a>` : ''}
                </nav>`
            : html`<p>${view.t('ledger.empty')}</p>`
        }
        ${receiptPasteBox(view)}
        <p>
          <a href="/api/v1/ledger/certificate" download="exchange.pem"
            >${view.t('ledger.certificate')}</a
          >
        </p>`;
      return page(view.t('ledger.title'), body, { scripts: [RECEIPT_SCRIPT] });
    },
  },
  {
    method: 'get',
    path: '/ledger/entries/:leafIndex',
    access: 'public',
    handle: async ({ req, view, services }) => {
      const leafIndex = toIndex(String(req.params.leafIndex));
      if (leafIndex === undefined) {
        return page(view.t('error.title'), html`<p>${view.t('error.notFound')}</p>`, {
          status: 404,
        });
      }
      // Signed in as a party to the event, an auditor or an admin: the receipt carries the openings.
      const receipt = await services.ledger.receiptForLeaf(leafIndex, view.session?.principal);
      const summary = summarize(receipt.entry);
      let pretty = receipt.entry;
      let fields: Record<string, unknown> | undefined;
      let opened: Record<string, unknown> | undefined;
      try {
        const entry = JSON.parse(receipt.entry) as Record<string, unknown>;
        pretty = JSON.stringify(entry, null, 2);
        fields = entry;
        if (receipt.openings !== undefined)
          opened = openEntry(entry, receipt.openings) as Record<string, unknown>;
      } catch {
        // Shown as stored when it is not JSON.
      }
      return page(
        `${view.t('ledger.entry')} #${leafIndex}`,
        html`${
            fields
              ? ''
              : html`<dl class="facts">
                  <dt>${view.t('ledger.kind')}</dt>
                  <dd data-ledger-kind="${summary.kind}">${ledgerKindLabel(view, summary.kind)}</dd>
                  <dt>${view.t('ledger.recordedAt')}</dt>
                  <dd>${formatTime(view.language, summary.recordedAtMs)}</dd>
                </dl>`
          }
          ${fields ? ledgerFields(view, fields) : ''}
          ${pretty.includes('"commitments"') ? html`<p class="hint">${view.t('ledger.committedHint')}</p>` : ''}
          ${
            opened === undefined
              ? ''
              : html`<h2>${view.t('ledger.openedEntry')}</h2>
                  <div data-opened-entry>${ledgerFields(view, opened)}</div>`
          }
          <details>
            <summary>${view.t('ledger.entryJson')}</summary>
            <pre data-entry-json>${pretty}</pre>
            ${opened === undefined ? '' : html`<pre data-opened-entry-json>${JSON.stringify(opened, null, 2)}</pre>`}
          </details>
          ${receiptPanel(view, receipt)}
          <p><a href="/console/ledger">${view.t('ledger.title')}</a></p>`,
        { scripts: [RECEIPT_SCRIPT] },
      );
    },
  },
];
