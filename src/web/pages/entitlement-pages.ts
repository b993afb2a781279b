// Buyers' entitlements: each with its purpose and expiry, a query builder with a results table,
// fingerprinted downloads, the trade's receipt with in-browser verification, and the usage log.
import { isAnonexError } from '../../core/errors.js';
import { AGGREGATE_FUNCTIONS, FILTER_OPERATORS } from '../../core/query/query-model.js';
import { fingerprintHeader } from '../../services/delivery/index.js';
import type { EntitlementView } from '../../services/entitlements/entitlement-view.js';
import { formList, formText, page, type ConsoleRoute, type FormFields } from '../console-route.js';
import { formatTime } from '../format.js';
import { checkboxGroup, selectField, textField } from '../form-fields.js';
import { errorNotice } from '../error-notice.js';
import { FormErrors, type FieldMap } from '../field-errors.js';
import { usageLabel } from '../vocabulary.js';
import { listingTitles } from '../listing-titles.js';
import { problemMessage } from '../problem-message.js';
import { toProblem } from '../../edge/problem.js';
import { html, type SafeHtml } from '../html.js';
import { vocabularyKey, type MessageKey } from '../i18n/index.js';
import { csrfField } from '../layout.js';
import { formatResultCell, ORDER_BY_AGGREGATE, queryFromForm } from '../query-form.js';
import { RECEIPT_SCRIPT, receiptPanel } from '../receipt-panel.js';
import type { SignedInView } from '../view.js';

/** The query builder's fields, as the query parser names them (`$.where[0].value`). */
function queryFields(view: SignedInView): FieldMap {
  const field = (name: string, label: MessageKey) => ({ name, label: view.t(label) });
  return {
    '$.select': field('select', 'query.select'),
    '$.where.0.column': field('filterColumn', 'query.filterColumn'),
    '$.where.0.op': field('op', 'query.operator'),
    '$.where.0.value': field('value', 'query.valueLabel'),
    '$.where': field('value', 'query.valueLabel'),
    '$.groupBy': field('groupBy', 'query.groupBy'),
    '$.aggregates.0.fn': field('aggregate', 'query.aggregate'),
    '$.aggregates.0.column': field('aggregateColumn', 'query.aggregateColumn'),
    '$.aggregates': field('aggregate', 'query.aggregate'),
    '$.orderBy': field('orderBy', 'query.orderBy'),
    '$.orderBy.0.direction': field('direction', 'query.direction'),
    '$.limit': field('limit', 'query.limit'),
  };
}

function queryBuilder(
  view: SignedInView,
  entitlement: EntitlementView,
  form: FormFields,
  errors: FormErrors,
): SafeHtml {
  const columnOptions = (withNone: boolean) => [
    ...(withNone ? [{ value: '', label: view.t('query.none') }] : []),
    ...entitlement.columns.map((column) => ({ value: column, label: column })),
  ];
  const selected = (name: string) => formText(form, name);
  return html`<form
    method="post"
    action="/console/entitlements/${entitlement.id}/query"
    class="stacked-form"
    data-query-form
  >
    ${csrfField(view)}
    ${checkboxGroup({ name: 'select', label: view.t('query.select'), options: columnOptions(false), checked: formList(form, 'select'), errors: errors.of('select') })}
    <fieldset>
      <legend>${view.t('query.filterColumn')}</legend>
      ${selectField({ name: 'filterColumn', label: view.t('query.filterColumn'), options: columnOptions(true), selected: selected('filterColumn'), errors: errors.of('filterColumn') })}
      ${selectField({ name: 'op', label: view.t('query.operator'), options: FILTER_OPERATORS.map((op) => ({ value: op, label: view.t(vocabularyKey('query.op', op)) })), selected: selected('op') || '=', errors: errors.of('op') })}
      ${textField({ name: 'value', label: view.t('query.valueLabel'), hint: view.t('query.valueHint'), value: selected('value'), errors: errors.of('value') })}
    </fieldset>
    ${selectField({ name: 'groupBy', label: view.t('query.groupBy'), options: columnOptions(true), selected: selected('groupBy'), errors: errors.of('groupBy') })}
    ${selectField({ name: 'aggregate', label: view.t('query.aggregate'), options: [{ value: '', label: view.t('query.none') }, ...AGGREGATE_FUNCTIONS.map((fn) => ({ value: fn, label: view.t(`query.fn.${fn}`) }))], selected: selected('aggregate'), errors: errors.of('aggregate') })}
    ${selectField({ name: 'aggregateColumn', label: view.t('query.aggregateColumn'), options: columnOptions(true), selected: selected('aggregateColumn'), errors: errors.of('aggregateColumn') })}
    ${selectField({ name: 'orderBy', label: view.t('query.orderBy'), options: [...columnOptions(true), { value: ORDER_BY_AGGREGATE, label: view.t('query.orderByAggregate') }], selected: selected('orderBy'), errors: errors.of('orderBy') })}
    ${selectField({
      name: 'direction',
      id: 'field-direction',
      label: view.t('query.direction'),
      options: [
        { value: 'asc', label: view.t('query.asc') },
        { value: 'desc', label: view.t('query.desc') },
      ],
      selected: selected('direction'),
    })}
    ${textField({ name: 'limit', label: view.t('query.limit'), type: 'number', min: 1, value: selected('limit') || '20', errors: errors.of('limit') })}
    <button type="submit">${view.t('query.run')}</button>
  </form>`;
}

async function entitlementPage(
  view: SignedInView,
  services: Parameters<ConsoleRoute['handle']>[0]['services'],
  entitlementId: string,
  form: FormFields,
  results: SafeHtml,
  status = 200,
  errors: FormErrors = FormErrors.none(view),
) {
  const { principal } = view.session;
  const entitlement = await services.entitlements.getEntitlement(principal, entitlementId);
  const receipt = await services.orders.tradeReceipt(principal, entitlement.tradeId, (outboxId) =>
    services.ledger.receiptForOutboxEntry(outboxId, principal),
  );
  const usage = await services.delivery.listDataAccess(
    principal,
    principal.roles.includes('buyer') ? 'buyer' : 'provider',
    { entitlementId: entitlement.id, limit: 20 },
  );
  const active = entitlement.status === 'active';
  return page(
    `${view.t('entitlements.entitlement')} ${entitlement.id}`,
    html`<dl class="facts">
        <dt>${view.t('entitlements.listing')}</dt>
        <dd>
          <a href="/console/catalog/${entitlement.listingId}"
            >${(await listingTitles(services, view, [entitlement.listingId])).get(entitlement.listingId)}</a
          >
        </dd>
        <dt>${view.t('common.status')}</dt>
        <dd data-entitlement-status="${entitlement.status}">
          ${view.t(vocabularyKey('entitlements.status', entitlement.status))}
        </dd>
        <dt>${view.t('catalog.purpose')}</dt>
        <dd>${view.t(vocabularyKey('purpose', entitlement.purpose))}</dd>
        <dt>${view.t('catalog.columns')}</dt>
        <dd>${entitlement.columns.map((column) => html`<code>${column}</code> `)}</dd>
        <dt>${view.t('entitlements.expires')}</dt>
        <dd>${formatTime(view.language, entitlement.expiresAtMs)}</dd>
      </dl>
      ${
        active
          ? html`<section aria-labelledby="query-title">
                <h2 id="query-title">${view.t('query.title')}</h2>
                ${queryBuilder(view, entitlement, form, errors)}${results}
              </section>
              <section aria-labelledby="download-title">
                <h2 id="download-title">${view.t('delivery.download')}</h2>
                <p class="actions">
                  ${(['csv', 'jsonl', 'arrow'] as const).map((format) => html`<a class="button secondary" href="/console/entitlements/${entitlement.id}/download.${format}" data-download="${format}">${format.toUpperCase()}</a> `)}
                </p>
              </section>`
          : ''
      }
      ${receipt.state === 'sequenced' ? receiptPanel(view, receipt.receipt) : ''}
      <section aria-labelledby="usage-title">
        <h2 id="usage-title">${view.t('usage.title')}</h2>
        ${
          usage.items.length === 0
            ? html`<p>${view.t('common.none')}</p>`
            : html`<div class="table-scroll">
                <table data-usage>
                  <thead>
                    <tr>
                      <th scope="col">${view.t('ledger.recordedAt')}</th>
                      <th scope="col">${view.t('usage.kind')}</th>
                      <th scope="col" class="number">${view.t('usage.rows')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${usage.items.map(
                      (access) =>
                        html`<tr>
                          <td>${formatTime(view.language, access.atMs)}</td>
                          <td data-usage-kind="${access.kind}">
                            ${usageLabel(view, access.kind, access.format)}
                          </td>
                          <td class="number">${access.rowsDelivered}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
        }
      </section>`,
    { status, scripts: receipt.state === 'sequenced' ? [RECEIPT_SCRIPT] : [] },
  );
}

export const entitlementPages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/entitlements',
    access: 'session',
    handle: async ({ view, services }) => {
      const entitlements = await services.entitlements.listEntitlements(
        view.session.principal,
        'buyer',
        { limit: 100 },
      );
      const titles = await listingTitles(
        services,
        view,
        entitlements.items.map((entitlement) => entitlement.listingId),
      );
      return page(
        view.t('entitlements.title'),
        entitlements.items.length === 0
          ? html`<p>${view.t('entitlements.none')}</p>`
          : html`<div class="table-scroll">
              <table data-entitlements>
                <thead>
                  <tr>
                    <th scope="col">ID</th>
                    <th scope="col">${view.t('entitlements.listing')}</th>
                    <th scope="col">${view.t('catalog.purpose')}</th>
                    <th scope="col">${view.t('common.status')}</th>
                    <th scope="col">${view.t('entitlements.expires')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${entitlements.items.map(
                    (entitlement) =>
                      html`<tr>
                        <td>
                          <a href="/console/entitlements/${entitlement.id}">${entitlement.id}</a>
                        </td>
                        <td>
                          <a href="/console/catalog/${entitlement.listingId}"
                            >${titles.get(entitlement.listingId)}</a
                          >
                        </td>
                        <td>${view.t(vocabularyKey('purpose', entitlement.purpose))}</td>
                        <td>${view.t(vocabularyKey('entitlements.status', entitlement.status))}</td>
                        <td>${formatTime(view.language, entitlement.expiresAtMs)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`,
      );
    },
  },
  {
    method: 'get',
    path: '/entitlements/:entitlementId',
    access: 'session',
    handle: async ({ req, view, services }) =>
      entitlementPage(view, services, String(req.params.entitlementId), {}, html``),
  },
  {
    method: 'post',
    path: '/entitlements/:entitlementId/query',
    access: 'session',
    handle: async ({ req, view, services, form }) => {
      const entitlementId = String(req.params.entitlementId);
      const query = queryFromForm(form);
      const json = html`<details>
        <summary>${view.t('query.json')}</summary>
        <pre data-query-json>${JSON.stringify(query, null, 2)}</pre>
      </details>`;
      try {
        const answer = await services.delivery.queryEntitledData(
          view.session.context,
          entitlementId,
          query,
        );
        const results = html`${json}
          <p role="status" data-query-status>
            ${view.t('query.matched', { matched: answer.matchedRows, rows: answer.rows.length, suppressed: answer.suppressedGroups })}
            · ${view.t('delivery.watermark')} <code>${answer.watermark}</code>
          </p>
          <div class="table-scroll">
            <table data-query-results>
              <thead>
                <tr>
                  ${answer.columns.map((column) => html`<th scope="col">${column}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${answer.rows.map(
                  (row) =>
                    html`<tr>
                      ${row.map((cell) => html`<td>${formatResultCell(cell)}</td>`)}
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`;
        return entitlementPage(view, services, entitlementId, form, results);
      } catch (error) {
        if (isAnonexError(error) && error.code !== 'not_found' && error.code !== 'forbidden') {
          const errors = new FormErrors(view, error.issues, queryFields(view));
          return entitlementPage(
            view,
            services,
            entitlementId,
            form,
            html`${json}${errorNotice({ detail: problemMessage(view, toProblem(error).problem), lines: errors.lines() })}`,
            400,
            errors,
          );
        }
        throw error;
      }
    },
  },
  {
    method: 'get',
    path: '/entitlements/:entitlementId/download.:format',
    access: 'session',
    handle: async ({ req, view, services }) => {
      const download = await services.delivery.downloadEntitledData(
        view.session.context,
        String(req.params.entitlementId),
        String(req.params.format),
      );
      return {
        kind: 'stream',
        contentType: download.contentType,
        chunks: download.chunks,
        headers: {
          'Content-Disposition': `attachment; filename="${download.filename}"`,
          'X-Anonex-Watermark': download.watermark,
          'X-Anonex-Fingerprint': fingerprintHeader(download.fingerprint),
        },
      };
    },
  },
];
