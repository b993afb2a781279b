// Providers' listings: created from an approved review (the service checks level, gate and
// approval), published, suspended, reinstated or retired; each change lands on the ledger.
import type { FieldIssue } from '../../core/errors.js';
import { NAME_MAX_LENGTH } from '../../core/names.js';
import { PURPOSE_CODES } from '../../services/listings/listing-terms.js';
import type { ListingView } from '../../services/listings/listing-service.js';
import type { Services } from '../../services/index.js';
import {
  formList,
  formText,
  page,
  redirect,
  submitForm,
  type ConsoleResult,
  type ConsoleRoute,
  type FormFields,
  type PageResult,
} from '../console-route.js';
import { formatPrice, formatTime } from '../format.js';
import { checkboxGroup, textArea, textField } from '../form-fields.js';
import { FormErrors, type FieldMap } from '../field-errors.js';
import { html, type SafeHtml } from '../html.js';
import { vocabularyKey, type MessageKey } from '../i18n/index.js';
import { csrfField, withDone } from '../layout.js';
import type { ConsoleView, SignedInView } from '../view.js';

/** `12.50` yuan → 1250 fen; NaN for anything that is not a non-negative amount with ≤ 2 decimals. */
export function yuanToFen(text: string): number {
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(text.trim())) return Number.NaN;
  const [whole, fraction = ''] = text.trim().split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

function listingInput(form: FormFields, reviewId: string): Record<string, unknown> {
  const freeText = formText(form, 'purposesFreeText');
  return {
    reviewId,
    title: { zh: formText(form, 'titleZh'), en: formText(form, 'titleEn') },
    description: { zh: formText(form, 'descriptionZh'), en: formText(form, 'descriptionEn') },
    tags: formText(form, 'tags')
      .split(/[,，]/)
      .map((tag) => tag.trim())
      .filter((tag) => tag.length > 0),
    priceFen: yuanToFen(formText(form, 'price')),
    licenceTerms: formText(form, 'licenceTerms'),
    permittedPurposes: { codes: formList(form, 'purposes'), ...(freeText ? { freeText } : {}) },
    accessDurationDays: Number(formText(form, 'accessDurationDays')),
  };
}

/** The listing form's fields, as the listing service names them. */
function listingFields(view: SignedInView): FieldMap {
  const field = (name: string, label: MessageKey) => ({ name, label: view.t(label) });
  return {
    'title.zh': field('titleZh', 'listings.titleZh'),
    'title.en': field('titleEn', 'listings.titleEn'),
    'description.zh': field('descriptionZh', 'listings.descriptionZh'),
    'description.en': field('descriptionEn', 'listings.descriptionEn'),
    tags: field('tags', 'listings.tags'),
    priceFen: field('price', 'listings.priceYuan'),
    licenceTerms: field('licenceTerms', 'listings.licence'),
    'permittedPurposes.codes': field('purposes', 'listings.purposes'),
    'permittedPurposes.freeText': field('purposesFreeText', 'listings.purposesFree'),
    accessDurationDays: field('accessDurationDays', 'listings.duration'),
    reason: field('reason', 'listings.reason'),
  };
}

function newListingForm(
  view: SignedInView,
  reviewId: string,
  form: FormFields,
  issues: readonly FieldIssue[],
): SafeHtml {
  const errors = new FormErrors(view, issues, listingFields(view));
  return html`${errors.summary()}
    <form method="post" action="/console/listings" class="stacked-form">
      ${csrfField(view)}
      <input type="hidden" name="reviewId" value="${reviewId}" />
      ${textField({ name: 'titleZh', label: view.t('listings.titleZh'), required: true, maxLength: NAME_MAX_LENGTH, value: formText(form, 'titleZh'), errors: errors.of('titleZh') })}
      ${textField({ name: 'titleEn', label: view.t('listings.titleEn'), required: true, maxLength: NAME_MAX_LENGTH, value: formText(form, 'titleEn'), errors: errors.of('titleEn') })}
      ${textArea({ name: 'descriptionZh', label: view.t('listings.descriptionZh'), required: true, maxLength: 8000, value: formText(form, 'descriptionZh'), errors: errors.of('descriptionZh') })}
      ${textArea({ name: 'descriptionEn', label: view.t('listings.descriptionEn'), required: true, maxLength: 8000, value: formText(form, 'descriptionEn'), errors: errors.of('descriptionEn') })}
      ${textField({ name: 'tags', label: view.t('listings.tags'), hint: view.t('listings.tagsHint'), value: formText(form, 'tags'), errors: errors.of('tags') })}
      ${textField({ name: 'price', label: view.t('listings.priceYuan'), hint: view.t('listings.priceHint'), required: true, value: formText(form, 'price') || '0', errors: errors.of('price') })}
      ${textArea({ name: 'licenceTerms', label: view.t('listings.licence'), required: true, maxLength: 20000, value: formText(form, 'licenceTerms'), errors: errors.of('licenceTerms') })}
      ${checkboxGroup({ name: 'purposes', label: view.t('listings.purposes'), hint: view.t('listings.purposesHint'), options: PURPOSE_CODES.map((code) => ({ value: code, label: view.t(vocabularyKey('purpose', code)) })), checked: formList(form, 'purposes'), errors: errors.of('purposes') })}
      ${textField({ name: 'purposesFreeText', label: view.t('listings.purposesFree'), maxLength: 2000, value: formText(form, 'purposesFreeText'), errors: errors.of('purposesFreeText') })}
      ${textField({ name: 'accessDurationDays', label: view.t('listings.duration'), hint: view.t('listings.durationHint'), type: 'number', min: 1, max: 3650, required: true, value: formText(form, 'accessDurationDays') || '365', errors: errors.of('accessDurationDays') })}
      <button type="submit">${view.t('listings.create')}</button>
    </form>`;
}

/** The preview table and the hashes of a listing: shared by the provider's and the buyer's pages. */
export function listingDetails(view: ConsoleView, listing: ListingView): SafeHtml {
  const columns = listing.preview.length > 0 ? Object.keys(listing.preview[0]) : [];
  return html`<h2>${view.t('listings.preview')}</h2>
    ${
      columns.length === 0
        ? html`<p>${view.t('common.none')}</p>`
        : html`<div class="table-scroll">
            <table data-preview>
              <thead>
                <tr>
                  ${columns.map((column) => html`<th scope="col">${column}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${listing.preview.map(
                  (row) =>
                    html`<tr>
                      ${columns.map((column) => html`<td>${String(row[column] ?? '')}</td>`)}
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    <h2>${view.t('listings.hashes')}</h2>
    <dl class="facts">
      <dt>${view.t('hash.artifact')}</dt>
      <dd><code class="hash">${listing.hashes.artifactSha256}</code></dd>
      <dt>${view.t('hash.report')}</dt>
      <dd><code class="hash">${listing.hashes.reportSha256}</code></dd>
      <dt>${view.t('hash.policy')}</dt>
      <dd><code class="hash">${listing.hashes.policySha256}</code></dd>
      <dt>${view.t('hash.licence')}</dt>
      <dd><code class="hash">${listing.hashes.licenceTermsSha256}</code></dd>
    </dl>`;
}

type ListingAction = 'publish' | 'suspend' | 'reinstate' | 'retire';
/** The success message each action's redirect shows. */
const LISTING_DONE: Readonly<Record<ListingAction, string>> = {
  publish: 'listingPublished',
  suspend: 'listingSuspended',
  reinstate: 'listingReinstated',
  retire: 'listingRetired',
};
const ACTIONS_BY_STATE: Readonly<Record<string, readonly ListingAction[]>> = {
  draft: ['publish', 'retire'],
  published: ['suspend', 'retire'],
  suspended: ['reinstate', 'retire'],
};

/** A provider's listing with the actions its state allows; a refused action shows its problems by the reason field. */
async function listingPage(
  view: SignedInView,
  services: Services,
  listingId: string,
  form: FormFields,
  issues: readonly FieldIssue[],
  failedAction?: ListingAction,
): Promise<PageResult> {
  const errors = new FormErrors(view, issues, listingFields(view));
  const listing = await services.listings.getListing(view.session.context, listingId);
  const actions = ACTIONS_BY_STATE[listing.state] ?? [];
  return page(
    view.language === 'zh' ? listing.title.zh : listing.title.en,
    html`${errors.summary()}
      <dl class="facts">
        <dt>${view.t('common.status')}</dt>
        <dd data-listing-state="${listing.state}">
          ${view.t(vocabularyKey('listings.state', listing.state))}${listing.stateReason ? html` — ${listing.stateReason}` : ''}
        </dd>
        <dt>${view.t('listings.price')}</dt>
        <dd>${formatPrice(view.language, listing.priceFen)}</dd>
        <dt>${view.t('report.level')}</dt>
        <dd>${listing.level}</dd>
        <dt>${view.t('listings.duration')}</dt>
        <dd>${listing.accessDurationDays}</dd>
      </dl>
      <p>${view.language === 'zh' ? listing.description.zh : listing.description.en}</p>
      ${actions.map(
        (action) =>
          html`<form
            method="post"
            action="/console/listings/${listing.id}/${action}"
            class="stacked-form narrow"
          >
            ${csrfField(view)}
            ${action === 'suspend' || action === 'retire' ? textField({ name: 'reason', id: `reason-${action}`, label: view.t('listings.reason'), required: action === 'suspend', maxLength: 4000, value: action === failedAction ? formText(form, 'reason') : '', errors: action === failedAction ? errors.of('reason') : [] }) : ''}
            <button
              type="submit"
              ${action === 'retire' || action === 'suspend' ? html` class="secondary"` : ''}
            >
              ${view.t(vocabularyKey('listings', action))}
            </button>
          </form>`,
      )}
      ${listingDetails(view, listing)}`,
  );
}

export const listingPages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/listings',
    access: 'session',
    handle: async ({ view, services }) => {
      const listings = await services.listings.listListings(view.session.context);
      return page(
        view.t('listings.title'),
        listings.length === 0
          ? html`<p>${view.t('listings.none')}</p>`
          : html`<div class="table-scroll">
              <table data-listings>
                <thead>
                  <tr>
                    <th scope="col">${view.t('listings.titleZh')}</th>
                    <th scope="col">${view.t('common.status')}</th>
                    <th scope="col">${view.t('listings.price')}</th>
                    <th scope="col">${view.t('common.created')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${listings.map(
                    (listing) =>
                      html`<tr>
                        <td>
                          <a href="/console/listings/${listing.id}"
                            >${view.language === 'zh' ? listing.title.zh : listing.title.en}</a
                          >
                        </td>
                        <td>${view.t(vocabularyKey('listings.state', listing.state))}</td>
                        <td>${formatPrice(view.language, listing.priceFen)}</td>
                        <td>${formatTime(view.language, listing.createdAtMs)}</td>
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
    path: '/listings/new',
    access: 'session',
    handle: async ({ req, view, services }) => {
      const review = await services.reviews.getReview(
        view.session.context,
        String(req.query.reviewId ?? ''),
      );
      return page(view.t('listings.new'), newListingForm(view, review.id, {}, []));
    },
  },
  {
    method: 'post',
    path: '/listings',
    access: 'session',
    handle: async ({ view, services, form }) => {
      const reviewId = formText(form, 'reviewId');
      return submitForm(
        async () => {
          const listing = await services.listings.createListing(
            view.session.context,
            listingInput(form, reviewId),
          );
          return redirect(withDone(`/console/listings/${listing.id}`, 'listingCreated'));
        },
        (issues) => page(view.t('listings.new'), newListingForm(view, reviewId, form, issues)),
      );
    },
  },
  {
    method: 'get',
    path: '/listings/:listingId',
    access: 'session',
    handle: async ({ req, view, services }) =>
      listingPage(view, services, String(req.params.listingId), {}, []),
  },
  {
    method: 'post',
    path: '/listings/:listingId/:action',
    access: 'session',
    handle: async ({ req, view, services, form }) => {
      const id = String(req.params.listingId);
      const action = String(req.params.action) as ListingAction;
      const { context } = view.session;
      const reason = formText(form, 'reason');
      const act = async (): Promise<ConsoleResult> => {
        switch (action) {
          case 'publish':
            await services.listings.publishListing(context, id);
            break;
          case 'reinstate':
            await services.listings.reinstateListing(context, id);
            break;
          case 'suspend':
            await services.listings.suspendListing(context, id, { reason });
            break;
          case 'retire':
            await services.listings.retireListing(context, id, reason ? { reason } : {});
            break;
        }
        return redirect(withDone(`/console/listings/${id}`, LISTING_DONE[action]));
      };
      if (!(action in LISTING_DONE))
        return page(view.t('error.title'), html`<p>${view.t('error.notFound')}</p>`, {
          status: 404,
        });
      return submitForm(act, (issues) => listingPage(view, services, id, form, issues, action));
    },
  },
];
