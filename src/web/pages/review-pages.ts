// Reviewers: the queue of submitted reports, the report page, and the decision with the
// GB/T 42460 §6 checklist and mandatory reasons. The review service enforces separation of duties.
import { REVIEW_STATES, type ReviewState } from '../../domain/index.js';
import { readAnonymizationReport, renderReportHtml } from '../../core/report/index.js';
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
import type { Services } from '../../services/index.js';
import {
  REVIEW_REASONS_MAX_CHARACTERS,
  REVIEW_REASONS_MIN_CHARACTERS,
} from '../../services/reviews/review-state.js';
import { FormErrors, type FieldMap } from '../field-errors.js';
import { textArea } from '../form-fields.js';
import type { SignedInView } from '../view.js';
import { formatTime, shortHash } from '../format.js';
import { html } from '../html.js';
import { vocabularyKey } from '../i18n/index.js';
import { csrfField, withDone } from '../layout.js';
import { organizationNames } from '../organization-names.js';
import { renderReportSummary } from '../report-view.js';

const CHECKLIST = [
  'identifiersChecked',
  'riskCalculationChecked',
  'contextAndThresholdAppropriate',
  'utilityAcceptable',
] as const;

const stateLabel = (state: string) => vocabularyKey('review.state', state);

/** The decision form's fields, as the review service names them. */
function decisionFields(view: SignedInView): FieldMap {
  return {
    reasons: { name: 'reasons', label: view.t('review.reasonsLabel') },
    ...Object.fromEntries(
      CHECKLIST.map((item) => [
        `checklist.${item}`,
        { name: `checklist.${item}`, label: view.t(vocabularyKey('review', item)) },
      ]),
    ),
  };
}

/** The review with its report; a refused decision comes back with what was ticked and typed. */
async function reviewPage(
  view: SignedInView,
  services: Services,
  reviewId: string,
  form: FormFields,
  issues: readonly FieldIssue[],
): Promise<PageResult> {
  const checked = new Set(formList(form, 'checklist'));
  const errors = new FormErrors(view, issues, decisionFields(view));
  const { context } = view.session;
  const review = await services.reviews.getReview(context, reviewId);
  const reportFile = await services.reviews.getReviewReport(context, review.id, 'json');
  const report = readAnonymizationReport(JSON.parse(reportFile.body.toString('utf8')));
  const [provider, reviewer] = await Promise.all([
    services.organizations.getOrganization(context, review.organizationId),
    review.reviewerOrganizationId
      ? services.organizations.getOrganization(context, review.reviewerOrganizationId)
      : undefined,
  ]);
  const canDecide =
    review.state === 'pending' &&
    view.session.principal.roles.includes('reviewer') &&
    review.organizationId !== view.session.principal.organizationId;
  const decisionForm = html`<section aria-labelledby="decision-title">
    <h2 id="decision-title">${view.t('review.decision')}</h2>
    ${errors.summary()}
    <form
      method="post"
      action="/console/review/${review.id}/decision"
      class="stacked-form"
      data-decision-form
    >
      ${csrfField(view)}
      <fieldset>
        <legend>${view.t('review.checklist')}</legend>
        ${CHECKLIST.map((item) => html`<label class="check"><input type="checkbox" name="checklist" value="${item}" ${checked.has(item) ? html` checked` : ''} /> ${view.t(vocabularyKey('review', item))}</label>${errors.of(`checklist.${item}`).length > 0 ? html`<p class="field-error" data-field-error="checklist.${item}">${errors.of(`checklist.${item}`).join(' ')}</p>` : ''}`)}
      </fieldset>
      ${textArea({ name: 'reasons', id: 'reasons', label: view.t('review.reasons'), hint: view.t('hint.charRange', { min: REVIEW_REASONS_MIN_CHARACTERS, max: REVIEW_REASONS_MAX_CHARACTERS }), required: true, minLength: REVIEW_REASONS_MIN_CHARACTERS, maxLength: REVIEW_REASONS_MAX_CHARACTERS, value: formText(form, 'reasons'), errors: errors.of('reasons') })}
      <div class="actions">
        <button type="submit" name="decision" value="approve">${view.t('review.approve')}</button>
        <button type="submit" name="decision" value="reject" class="danger">
          ${view.t('review.reject')}
        </button>
      </div>
    </form>
  </section>`;
  const decided = review.decidedAtMs
    ? html`<section aria-labelledby="decided-title">
        <h2 id="decided-title">${view.t('review.decided')}</h2>
        <dl class="facts">
          <dt>${view.t('common.status')}</dt>
          <dd data-review-state="${review.state}">${view.t(stateLabel(review.state))}</dd>
          <dt>${view.t('review.decidedBy')}</dt>
          <dd>${reviewer?.name ?? '—'}</dd>
          <dt>${view.t('review.decidedAt')}</dt>
          <dd>${formatTime(view.language, review.decidedAtMs)}</dd>
          <dt>${view.t('review.decisionReasons')}</dt>
          <dd>${review.reasons ?? '—'}</dd>
        </dl>
      </section>`
    : '';
  return page(
    `${view.t('review.title')} · ${provider.name}`,
    html`<dl class="facts">
        <dt>${view.t('review.provider')}</dt>
        <dd>${provider.name}</dd>
        <dt>${view.t('review.dataset')}</dt>
        <dd>
          <code>${review.datasetId}</code> · ${view.t('review.revision')} ${review.datasetRevision}
        </dd>
        <dt>${view.t('common.status')}</dt>
        <dd>${view.t(stateLabel(review.state))}</dd>
        <dt>${view.t('review.submittedAt')}</dt>
        <dd>${formatTime(view.language, review.submittedAtMs)}</dd>
        <dt>SHA-256</dt>
        <dd>
          ${view.t('hash.report')}
          <code title="${review.reportSha256}">${shortHash(review.reportSha256)}</code> ·
          ${view.t('hash.artifact')}
          <code title="${review.artifactSha256}">${shortHash(review.artifactSha256)}</code> ·
          ${view.t('hash.policy')}
          <code title="${review.policySha256}">${shortHash(review.policySha256)}</code>
        </dd>
      </dl>
      ${review.current ? '' : html`<div class="notice notice-warn"><p>${view.t('review.stale')}</p></div>`}
      <p><a href="/console/review/${review.id}/report.html">${view.t('report.download')}</a></p>
      ${renderReportSummary(view, report)} ${canDecide ? decisionForm : ''}${decided}`,
  );
}

export const reviewPages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/review',
    access: 'session',
    handle: async ({ req, view, services }) => {
      const { context } = view.session;
      const requested = String(req.query.state ?? 'pending');
      const state = (REVIEW_STATES as readonly string[]).includes(requested)
        ? (requested as ReviewState)
        : 'pending';
      const minAgeText = String(req.query.minAgeHours ?? '');
      const minAgeHours = /^\d{1,5}$/.test(minAgeText) ? Number(minAgeText) : undefined;
      const reviews = await services.reviews.listReviews(context, {
        states: [state],
        minAgeHours,
        limit: 100,
      });
      const names = await organizationNames(
        services,
        context,
        reviews.items.map((review) => review.organizationId),
      );
      return page(
        view.t('review.queue'),
        html`<form method="get" action="/console/review" class="filters">
            <div>
              <label for="filter-state">${view.t('review.filterState')}</label>
              <select id="filter-state" name="state">
                ${REVIEW_STATES.map((option) => html`<option value="${option}" ${option === state ? html` selected` : ''}>${view.t(stateLabel(option))}</option>`)}
              </select>
            </div>
            <div>
              <label for="filter-age">${view.t('review.filterAge')}</label>
              <input
                id="filter-age"
                name="minAgeHours"
                type="number"
                min="0"
                value="${minAgeHours ?? ''}"
              />
            </div>
            <button type="submit" class="secondary">${view.t('review.filter')}</button>
          </form>
          ${
            reviews.items.length === 0
              ? html`<p>${view.t('review.none')}</p>`
              : html`<div class="table-scroll">
                  <table data-review-queue>
                    <thead>
                      <tr>
                        <th scope="col">${view.t('review.provider')}</th>
                        <th scope="col">${view.t('review.dataset')}</th>
                        <th scope="col">${view.t('report.level')}</th>
                        <th scope="col">${view.t('review.gate')}</th>
                        <th scope="col">${view.t('review.submittedAt')}</th>
                        <th scope="col">${view.t('common.status')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${reviews.items.map(
                        (review) =>
                          html`<tr>
                            <td>
                              <a href="/console/review/${review.id}"
                                >${names.get(review.organizationId) ?? review.organizationId}</a
                              >
                            </td>
                            <td><code>${review.datasetId}</code> r${review.datasetRevision}</td>
                            <td>${review.level}</td>
                            <td>
                              ${review.gatePassed ? html`<span class="badge badge-ok">${view.t('report.passShort')}</span>` : html`<span class="badge badge-bad">${view.t('report.failShort')}</span>`}
                            </td>
                            <td>${formatTime(view.language, review.submittedAtMs)}</td>
                            <td>${view.t(stateLabel(review.state))}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
          }`,
      );
    },
  },
  {
    method: 'get',
    path: '/review/:reviewId',
    access: 'session',
    handle: async ({ req, view, services }) =>
      reviewPage(view, services, String(req.params.reviewId), {}, []),
  },
  {
    method: 'get',
    path: '/review/:reviewId/report.html',
    access: 'session',
    handle: async ({ req, view, services }) => {
      // The certificate a reviewer signs: the pinned report with the provider, the dataset
      // revision and, once decided, the decision and the reviewer (the JSON it pins is unchanged).
      const { report, certificate } = await services.reviews.getCertifiedReport(
        view.session.context,
        String(req.params.reviewId),
      );
      return {
        kind: 'raw',
        contentType: 'text/html; charset=utf-8',
        body: Buffer.from(renderReportHtml(report, { lang: view.language, certificate }), 'utf8'),
        headers: {
          'Content-Disposition': `attachment; filename="anonymization-report-${certificate.reportSha256.slice(0, 12)}.html"`,
          // The self-contained report carries its own inline styles: serve it sandboxed, as a download.
          'Content-Security-Policy':
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
        },
      };
    },
  },
  {
    method: 'post',
    path: '/review/:reviewId/decision',
    access: 'session',
    handle: async ({ req, view, services, form }) => {
      const checked = new Set(formList(form, 'checklist'));
      const decision = {
        reasons: formText(form, 'reasons'),
        checklist: Object.fromEntries(CHECKLIST.map((item) => [item, checked.has(item)])),
      };
      const reviewId = String(req.params.reviewId);
      const approve = formText(form, 'decision') === 'approve';
      return submitForm(
        async () => {
          if (approve)
            await services.reviews.approveReview(view.session.context, reviewId, decision);
          else await services.reviews.rejectReview(view.session.context, reviewId, decision);
          return redirect(
            withDone(`/console/review/${reviewId}`, approve ? 'reviewApproved' : 'reviewRejected'),
          );
        },
        (issues) => reviewPage(view, services, reviewId, form, issues),
      );
    },
  },
];
