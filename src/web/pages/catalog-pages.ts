// Buyers: the catalog with search and filters, a listing's page (Art. 10 metadata, preview,
// price, terms, permitted purposes), and from there an order or an access request.
import { SHARING_TYPES } from '../../services/datasets/catalog-metadata.js';
import type { CatalogEntry } from '../../services/catalog/catalog-service.js';
import {
  formList,
  formText,
  page,
  redirect,
  submitForm,
  type ConsoleRoute,
  type FormFields,
  type PageResult,
} from '../console-route.js';
import type { FieldIssue } from '../../core/errors.js';
import { INTENDED_USE_MIN_CHARACTERS } from '../../services/access-requests/access-request-rules.js';
import type { Services } from '../../services/index.js';
import { FormErrors, type FieldMap } from '../field-errors.js';
import type { ReleaseDescription } from '../../services/catalog/release-description.js';
import {
  columnRoleLabel,
  frequencyLabel,
  releaseContextLabel,
  transformStep,
  wordFor,
} from '../vocabulary.js';
import { formatFigure, formatPercent, formatPrice, formatTime } from '../format.js';
import { checkboxGroup, selectField, textArea, textField } from '../form-fields.js';
import { html, type SafeHtml } from '../html.js';
import { vocabularyKey, type MessageKey } from '../i18n/index.js';
import { csrfField, withDone } from '../layout.js';
import { organizationNames } from '../organization-names.js';
import type { SignedInView } from '../view.js';
import { yuanToFen } from './listing-pages.js';

/** The columns a buyer can ask for: those of the anonymized artifact, as its preview shows them. */
export function listingColumns(entry: Pick<CatalogEntry, 'preview' | 'metadata'>): string[] {
  return entry.preview.length > 0
    ? Object.keys(entry.preview[0])
    : entry.metadata.attributes.map((attribute) => attribute.column);
}

function purposeOptions(view: SignedInView, entry: CatalogEntry) {
  return entry.permittedPurposes.codes.map((code) => ({
    value: code,
    label: view.t(vocabularyKey('purpose', code)),
  }));
}

/** The request and order forms' fields, as the access-request and order services name them. */
function buyerFields(view: SignedInView): FieldMap {
  const field = (name: string, label: MessageKey) => ({ name, label: view.t(label) });
  return {
    purpose: field('purpose', 'catalog.purposeLabel'),
    intendedUse: field('intendedUse', 'catalog.intendedUse'),
    requestedDurationDays: field('durationDays', 'catalog.durationDays'),
    columns: field('columns', 'catalog.columns'),
    accessRequestId: field('accessRequestId', 'catalog.approvedRequest'),
  };
}

function orderForm(
  view: SignedInView,
  entry: CatalogEntry,
  approvedRequestIds: readonly string[],
  form: FormFields,
  errors: FormErrors,
): SafeHtml {
  const columns = listingColumns(entry);
  const submitted = Object.keys(form).length > 0;
  const checkedColumns = submitted ? formList(form, 'columns') : columns;
  if (entry.metadata.sharingType === 'conditional') {
    return html`<section aria-labelledby="request-title">
        <h2 id="request-title">${view.t('catalog.requestAccess')}</h2>
        <form
          method="post"
          action="/console/catalog/${entry.id}/access-requests"
          class="stacked-form"
        >
          ${csrfField(view)} ${errors.summary()}
          ${selectField({ name: 'purpose', label: view.t('catalog.purpose'), options: purposeOptions(view, entry), selected: formText(form, 'purpose'), errors: errors.of('purpose') })}
          ${textArea({ name: 'intendedUse', label: view.t('catalog.intendedUse'), hint: view.t('hint.minChars', { min: INTENDED_USE_MIN_CHARACTERS }), required: true, minLength: INTENDED_USE_MIN_CHARACTERS, maxLength: 4000, value: formText(form, 'intendedUse'), errors: errors.of('intendedUse') })}
          ${textField({ name: 'durationDays', label: view.t('catalog.durationDays'), hint: view.t('hint.maxDays', { max: entry.accessDurationDays }), type: 'number', min: 1, max: entry.accessDurationDays, required: true, value: formText(form, 'durationDays') || String(entry.accessDurationDays), errors: errors.of('durationDays') })}
          ${checkboxGroup({ name: 'columns', label: view.t('catalog.columns'), hint: view.t('catalog.columnsHint'), options: columns.map((column) => ({ value: column, label: column })), checked: checkedColumns, errors: errors.of('columns') })}
          <button type="submit">${view.t('catalog.requestButton')}</button>
        </form>
      </section>
      ${
        approvedRequestIds.length > 0
          ? html`<section aria-labelledby="order-title">
              <h2 id="order-title">
                ${view.t('catalog.order')} · ${formatPrice(view.language, entry.priceFen)}
              </h2>
              <form
                method="post"
                action="/console/catalog/${entry.id}/orders"
                class="stacked-form narrow"
              >
                ${csrfField(view)}
                ${selectField({ name: 'accessRequestId', label: view.t('catalog.approvedRequest'), options: approvedRequestIds.map((id) => ({ value: id, label: id })), errors: errors.of('accessRequestId') })}
                <button type="submit">${view.t('catalog.orderButton')}</button>
              </form>
            </section>`
          : html`<p class="hint">${view.t('catalog.needsRequest')}</p>`
      }`;
  }
  return html`<section aria-labelledby="order-title">
    <h2 id="order-title">
      ${view.t('catalog.order')} · ${formatPrice(view.language, entry.priceFen)}
    </h2>
    ${errors.summary()}
    <form method="post" action="/console/catalog/${entry.id}/orders" class="stacked-form">
      ${csrfField(view)}
      ${selectField({ name: 'purpose', label: view.t('catalog.purpose'), options: purposeOptions(view, entry), selected: formText(form, 'purpose'), errors: errors.of('purpose') })}
      ${textArea({ name: 'intendedUse', label: view.t('catalog.intendedUse'), maxLength: 4000, value: formText(form, 'intendedUse'), errors: errors.of('intendedUse') })}
      ${checkboxGroup({ name: 'columns', label: view.t('catalog.columns'), hint: view.t('catalog.columnsHint'), options: columns.map((column) => ({ value: column, label: column })), checked: checkedColumns, errors: errors.of('columns') })}
      <button type="submit">${view.t('catalog.orderButton')}</button>
    </form>
  </section>`;
}

/** The active entitlement the buyer's organization holds to `listingId`, if any. */
async function heldEntitlement(
  services: Services,
  view: SignedInView,
  listingId: string,
): Promise<string | undefined> {
  const { items } = await services.entitlements.listEntitlements(view.session.principal, 'buyer', {
    limit: 100,
  });
  return items.find((item) => item.listingId === listingId && item.status === 'active')?.id;
}

/** The release as sold: its columns (role, processing, the provider's description) and certificate. */
function releaseSection(
  view: SignedInView,
  release: ReleaseDescription,
  attributes: readonly { column: string; description: string; unit?: string }[],
): SafeHtml {
  const described = new Map(attributes.map((attribute) => [attribute.column, attribute]));
  const figures = release.figures;
  const language = view.language;
  return html`<section aria-labelledby="release-title" data-release>
    <h2 id="release-title">${view.t('catalog.release')}</h2>
    <div class="table-scroll">
      <table data-release-columns>
        <thead>
          <tr>
            <th scope="col">${view.t('report.column')}</th>
            <th scope="col">${view.t('report.role')}</th>
            <th scope="col">${view.t('catalog.processing')}</th>
            <th scope="col">${view.t('catalog.columnMeaning')}</th>
          </tr>
        </thead>
        <tbody>
          ${release.columns.map((column) => {
            const attribute = described.get(column.name);
            return html`<tr>
              <th scope="row"><code>${column.name}</code></th>
              <td>${columnRoleLabel(view, column.role)}</td>
              <td>
                ${column.steps.length === 0 ? view.t('catalog.unchanged') : column.steps.map((step) => html`${transformStep(view, step)}<br />`)}
              </td>
              <td>
                ${attribute ? html`${attribute.description}${attribute.unit ? ` (${attribute.unit})` : ''}` : '—'}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    <h3>${view.t('catalog.certificate')}</h3>
    <dl class="facts" data-certificate>
      <dt>${view.t('report.verdict')}</dt>
      <dd>${release.gatePassed ? view.t('report.pass') : view.t('report.fail')}</dd>
      ${
        figures
          ? html`<dt>${view.t('report.level')}</dt>
              <dd data-level>${figures.level}</dd>
              <dt>${view.t('report.context')}</dt>
              <dd>${releaseContextLabel(view, figures.context)}</dd>
              <dt>${view.t('report.k')}</dt>
              <dd data-k>${formatFigure(language, figures.k)}</dd>
              <dt>${view.t('report.R')}</dt>
              <dd data-risk>
                ${formatFigure(language, figures.R)} ≤
                ${formatFigure(language, figures.riskThreshold)}
              </dd>
              <dt>${view.t('report.records')}</dt>
              <dd>${formatFigure(language, figures.records)}</dd>
              <dt>${view.t('report.classes')}</dt>
              <dd>${formatFigure(language, figures.classes)}</dd>
              <dt>${view.t('report.suppressed')}</dt>
              <dd>${formatPercent(language, figures.suppressedShare)}</dd>`
          : ''
      }
      <dt>${view.t('review.decidedBy')}</dt>
      <dd>${release.reviewerOrganizationName ?? '—'}</dd>
      <dt>${view.t('review.decidedAt')}</dt>
      <dd>${formatTime(language, release.decidedAtMs)}</dd>
      <dt>${view.t('hash.report')}</dt>
      <dd><code class="hash">${release.reportSha256}</code></dd>
    </dl>
  </section>`;
}

/** A listing as a buyer sees it; a refused request or order comes back filled in, problems by field. */
async function catalogEntryPage(
  view: SignedInView,
  services: Services,
  listingId: string,
  form: FormFields,
  issues: readonly FieldIssue[],
): Promise<PageResult> {
  const errors = new FormErrors(view, issues, buyerFields(view));
  const { context, principal } = view.session;
  const entry = await services.catalog.getCatalogEntry(context, listingId);
  const provider = await services.organizations.getOrganization(context, entry.organizationId);
  const approved = principal.roles.includes('buyer')
    ? (
        await services.accessRequests.listAccessRequests(principal, 'buyer', {
          states: ['approved'],
          limit: 100,
        })
      ).items
        .filter(
          (request) => request.listingId === entry.id && request.listingRevision === entry.revision,
        )
        .map((request) => request.id)
    : [];
  const metadata = entry.metadata;
  const [release, held] = await Promise.all([
    services.catalog.describeRelease(context, entry.id),
    principal.roles.includes('buyer') ? heldEntitlement(services, view, entry.id) : undefined,
  ]);
  return page(
    view.language === 'zh' ? entry.title.zh : entry.title.en,
    html`<p>${view.language === 'zh' ? entry.description.zh : entry.description.en}</p>
      <dl class="facts">
        <dt>${view.t('catalog.provider')}</dt>
        <dd>${provider.name}</dd>
        <dt>${view.t('listings.price')}</dt>
        <dd data-price>${formatPrice(view.language, entry.priceFen)}</dd>
        <dt>${view.t('report.level')}</dt>
        <dd>${entry.level}</dd>
        <dt>${view.t('listings.duration')}</dt>
        <dd>${entry.accessDurationDays}</dd>
        <dt>${view.t('catalog.publishedAt')}</dt>
        <dd>${formatTime(view.language, entry.publishedAtMs)}</dd>
      </dl>
      <h2>${view.t('catalog.metadata')}</h2>
      <dl class="facts">
        <dt>${view.t('datasets.subjectCategory')}</dt>
        <dd>${metadata.classification.subjectCategory}</dd>
        <dt>${view.t('datasets.securityGrade')}</dt>
        <dd>${view.t(vocabularyKey('datasets.grade', metadata.classification.securityGrade))}</dd>
        <dt>${view.t('datasets.format')}</dt>
        <dd>${wordFor(view, 'datasets.formatName', metadata.format)}</dd>
        <dt>${view.t('datasets.updateFrequency')}</dt>
        <dd>${frequencyLabel(view, metadata.updateFrequency)}</dd>
        <dt>${view.t('datasets.sharingType')}</dt>
        <dd data-sharing-type="${metadata.sharingType}">
          ${view.t(vocabularyKey('datasets.sharing', metadata.sharingType))}
        </dd>
        <dt>${view.t('datasets.openType')}</dt>
        <dd>${view.t(vocabularyKey('datasets.sharing', metadata.openType))}</dd>
        <dt>${view.t('datasets.sharingMethod')}</dt>
        <dd>
          ${metadata.sharingMethod.map((method) => view.t(vocabularyKey('datasets.method', method))).join(' · ')}
        </dd>
        <dt>${view.t('datasets.usageRequirements')}</dt>
        <dd>${metadata.usageRequirements}</dd>
        ${
          metadata.legalBasis
            ? html`<dt>${view.t('requests.legalBasis')}</dt>
                <dd>${metadata.legalBasis}</dd>`
            : ''
        }
        <dt>${view.t('datasets.dataSource')}</dt>
        <dd>${metadata.dataSource}</dd>
      </dl>
      ${releaseSection(view, release, metadata.attributes)}
      <h2>${view.t('catalog.terms')}</h2>
      <p>
        ${entry.permittedPurposes.codes.map((code) => html`<span class="badge">${view.t(vocabularyKey('purpose', code))}</span> `)}${entry.permittedPurposes.freeText ?? ''}
      </p>
      <pre>${entry.licenceTerms}</pre>
      <h2>${view.t('listings.preview')}</h2>
      <div class="table-scroll">
        <table data-preview>
          <thead>
            <tr>
              ${listingColumns(entry).map((column) => html`<th scope="col">${column}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${entry.preview.map(
              (row) =>
                html`<tr>
                  ${listingColumns(entry).map((column) => html`<td>${String(row[column] ?? '')}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        held
          ? html`<div class="notice notice-ok" role="status" data-held-entitlement>
              <p>
                ${view.t('catalog.held')}
                <a href="/console/entitlements/${held}">${view.t('problem.openEntitlement')}</a>
              </p>
            </div>`
          : principal.roles.includes('buyer')
            ? orderForm(view, entry, approved, form, errors)
            : ''
      }`,
  );
}

export const catalogPages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/catalog',
    access: 'session',
    handle: async ({ req, view, services }) => {
      const { context } = view.session;
      const q = String(req.query.q ?? '').slice(0, 200);
      const sharingType = (SHARING_TYPES as readonly string[]).includes(
        String(req.query.sharingType),
      )
        ? String(req.query.sharingType)
        : '';
      const priceMax = yuanToFen(String(req.query.priceMax ?? ''));
      const result = await services.catalog.searchCatalog(context, {
        q: q || undefined,
        sharingType: sharingType || undefined,
        priceMaxFen: Number.isNaN(priceMax) ? undefined : priceMax,
        limit: 50,
      });
      const names = await organizationNames(
        services,
        context,
        result.items.map((entry) => entry.organizationId),
      );
      return page(
        view.t('catalog.title'),
        html`<form method="get" action="/console/catalog" class="filters" role="search">
            <div>
              ${textField({ name: 'q', label: view.t('catalog.query'), type: 'search', value: q })}
            </div>
            <div>
              ${selectField({ name: 'sharingType', label: view.t('datasets.sharingType'), options: [{ value: '', label: view.t('catalog.anySharing') }, ...SHARING_TYPES.map((type) => ({ value: type, label: view.t(vocabularyKey('datasets.sharing', type)) }))], selected: sharingType })}
            </div>
            <div>
              ${textField({ name: 'priceMax', label: view.t('catalog.priceMax'), value: Number.isNaN(priceMax) ? '' : String(priceMax / 100) })}
            </div>
            <button type="submit">${view.t('catalog.search')}</button>
          </form>
          <p role="status">${view.t('catalog.results', { total: result.total })}</p>
          ${
            result.items.length === 0
              ? html`<p>${view.t('catalog.none')}</p>`
              : html`<ul class="cards" data-catalog>
                  ${result.items.map(
                    (entry) =>
                      html`<li class="card">
                        <h3>
                          <a href="/console/catalog/${entry.id}"
                            >${view.language === 'zh' ? entry.title.zh : entry.title.en}</a
                          >
                        </h3>
                        <p>${names.get(entry.organizationId) ?? ''}</p>
                        <p class="muted">
                          ${view.t(vocabularyKey('datasets.sharing', entry.metadata.sharingType))} ·
                          ${entry.level} · ${formatPrice(view.language, entry.priceFen)}
                        </p>
                        <p>${entry.tags.map((tag) => html`<span class="badge">${tag}</span> `)}</p>
                      </li>`,
                  )}
                </ul>`
          }`,
      );
    },
  },
  {
    method: 'get',
    path: '/catalog/:listingId',
    access: 'session',
    handle: async ({ req, view, services }) =>
      catalogEntryPage(view, services, String(req.params.listingId), {}, []),
  },
  {
    method: 'post',
    path: '/catalog/:listingId/orders',
    access: 'session',
    handle: async ({ req, view, services, form }) => {
      const listingId = String(req.params.listingId);
      const accessRequestId = formText(form, 'accessRequestId');
      return submitForm(
        async () => {
          const result = await services.orders.placeOrder(
            view.session.context,
            accessRequestId
              ? { listingId, accessRequestId }
              : {
                  listingId,
                  purpose: formText(form, 'purpose'),
                  intendedUse: formText(form, 'intendedUse') || undefined,
                  columns: formList(form, 'columns'),
                },
          );
          return redirect(withDone(`/console/entitlements/${result.entitlement.id}`, 'ordered'));
        },
        (issues) => catalogEntryPage(view, services, listingId, form, issues),
      );
    },
  },
  {
    method: 'post',
    path: '/catalog/:listingId/access-requests',
    access: 'session',
    handle: async ({ req, view, services, form }) => {
      const listingId = String(req.params.listingId);
      return submitForm(
        async () => {
          await services.accessRequests.submitAccessRequest(view.session.context, {
            listingId,
            purpose: formText(form, 'purpose'),
            intendedUse: formText(form, 'intendedUse'),
            requestedDurationDays: Number(formText(form, 'durationDays')),
            columns: formList(form, 'columns'),
          });
          return redirect(withDone('/console/requests', 'requestSubmitted'));
        },
        (issues) => catalogEntryPage(view, services, listingId, form, issues),
      );
    },
  },
];
