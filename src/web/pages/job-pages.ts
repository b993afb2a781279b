// A provider's anonymization job: live progress (a small script polls progress.json), the report
// once it succeeds, and submitting it for review.
import { readAnonymizationReport } from '../../core/report/index.js';
import { formText, page, redirect, type ConsoleRoute } from '../console-route.js';
import { formatTime } from '../format.js';
import { html } from '../html.js';
import { vocabularyKey } from '../i18n/index.js';
import { csrfField, withDone } from '../layout.js';
import { renderReportSummary } from '../report-view.js';
import { jobPhaseLabel } from '../vocabulary.js';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

export const jobPages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/jobs/:jobId',
    access: 'session',
    handle: async ({ req, view, services }) => {
      const { context } = view.session;
      const job = await services.jobs.getJob(context, String(req.params.jobId));
      const report =
        job.state === 'succeeded'
          ? readAnonymizationReport(
              JSON.parse(
                (await services.jobs.getJobReport(context, job.id, 'json')).body.toString('utf8'),
              ),
            )
          : undefined;
      const reviews = (await services.reviews.listReviews(context, { limit: 100 })).items.filter(
        (review) => review.jobId === job.id,
      );
      const stateText = view.t(vocabularyKey('job.state', job.state));
      return page(
        `${view.t('job.title')} ${job.id}`,
        html`<dl class="facts">
            <dt>${view.t('review.dataset')}</dt>
            <dd>
              <a href="/console/datasets/${job.datasetId}">${job.datasetId}</a> ·
              ${view.t('review.revision')} ${job.datasetRevision}
            </dd>
            <dt>${view.t('datasets.policy')}</dt>
            <dd>${job.policyName} <code>${job.policySha256.slice(0, 12)}</code></dd>
            <dt>${view.t('common.status')}</dt>
            <dd data-job-state="${job.state}">${stateText}</dd>
            <dt>${view.t('common.created')}</dt>
            <dd>${formatTime(view.language, job.createdAtMs)}</dd>
          </dl>
          ${
            TERMINAL.has(job.state)
              ? ''
              : html`<section
                  data-job-progress
                  data-job-id="${job.id}"
                  aria-labelledby="progress-title"
                >
                  <h2 id="progress-title">${view.t('job.progress')}</h2>
                  <progress
                    max="100"
                    value="${job.progressPct}"
                    aria-labelledby="progress-title"
                  ></progress>
                  <p role="status" aria-live="polite">
                    <span data-phase>${job.phase ? jobPhaseLabel(view, job.phase) : ''}</span>
                    <span data-pct>${job.progressPct}</span>%
                  </p>
                  <form method="post" action="/console/jobs/${job.id}/cancel">
                    ${csrfField(view)}<button type="submit" class="secondary">
                      ${view.t('job.cancel')}
                    </button>
                  </form>
                </section>`
          }
          ${job.failureReason ? html`<div class="notice notice-error" role="alert"><p>${view.t('job.failure')}: ${job.failureReason}</p></div>` : ''}
          ${
            report && reviews.length === 0
              ? html`<form method="post" action="/console/jobs/${job.id}/review" class="actions">
                  ${csrfField(view)}<button type="submit">${view.t('job.submit')}</button>
                </form>`
              : ''
          }
          ${
            reviews.length > 0
              ? html`<h2>${view.t('job.reviews')}</h2>
                  <ul>
                    ${reviews.map(
                      (review) =>
                        html`<li>
                          <a href="/console/review/${review.id}">${review.id}</a> ·
                          ${view.t(vocabularyKey('review.state', review.state))}${review.state === 'approved' ? html` · <a href="/console/listings/new?reviewId=${review.id}">${view.t('job.createListing')}</a>` : ''}
                        </li>`,
                    )}
                  </ul>`
              : ''
          }
          ${report ? renderReportSummary(view, report) : ''}`,
        { scripts: TERMINAL.has(job.state) ? [] : ['job-progress.js'] },
      );
    },
  },
  {
    method: 'get',
    path: '/jobs/:jobId/progress.json',
    access: 'session',
    handle: async ({ req, view, services }) => {
      const job = await services.jobs.getJob(view.session.context, String(req.params.jobId));
      return {
        kind: 'raw',
        contentType: 'application/json',
        body: JSON.stringify({
          state: job.state,
          // Words for the page's language, so the script never shows an enum value.
          stateText: view.t(vocabularyKey('job.state', job.state)),
          phaseText: job.phase ? jobPhaseLabel(view, job.phase) : '',
          phase: job.phase,
          pct: job.progressPct,
          done: TERMINAL.has(job.state),
        }),
      };
    },
  },
  {
    method: 'post',
    path: '/jobs/:jobId/cancel',
    access: 'session',
    handle: async ({ req, view, services }) => {
      const job = await services.jobs.cancelJob(view.session.context, String(req.params.jobId));
      return redirect(`/console/jobs/${job.id}`);
    },
  },
  {
    method: 'post',
    path: '/jobs/:jobId/review',
    access: 'session',
    handle: async ({ req, view, services, form }) => {
      const review = await services.reviews.submitForReview(view.session.context, {
        jobId: String(req.params.jobId),
        note: formText(form, 'note') || undefined,
      });
      return redirect(withDone(`/console/review/${review.id}`, 'reviewSubmitted'));
    },
  },
];
