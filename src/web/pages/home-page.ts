// The dashboard: who is signed in, for which organization, with which roles, and where to go next.
import type { Principal } from '../../services/principal.js';
import type { Services } from '../../services/index.js';
import { page, type ConsoleRoute } from '../console-route.js';
import { html, type SafeHtml } from '../html.js';
import { vocabularyKey } from '../i18n/index.js';
import { formatFigure, formatPercent, formatTime } from '../format.js';
import { organizationNames } from '../organization-names.js';
import type { SignedInView } from '../view.js';

/** Admins are told, in the page's language, when a due holiday notice is missing (from 1 November). */
async function holidayNoticeWarning(
  view: SignedInView,
  services: Services,
  principal: Principal,
): Promise<SafeHtml> {
  if (!principal.roles.includes('admin')) return html``;
  const { missingYears } = await services.holidayCalendar.noticeStatus();
  if (missingYears.length === 0) return html``;
  return html`<div class="notice notice-warn" role="status" data-holiday-notice-missing>
    <p>
      ${view.t('home.holidayNoticeMissing', {
        years: missingYears.join(', '),
        year: missingYears[missingYears.length - 1],
      })}
    </p>
  </div>`;
}

/** A count with its meaning, flagged when something waits; a link where the console can act. */
function workCard(
  name: string,
  count: number,
  label: string,
  detail: SafeHtml | string,
  href?: string,
): SafeHtml {
  return html`<li class="card work-card${count > 0 ? ' work-waiting' : ''}" data-work="${name}">
    <p class="work-count" data-count="${count}">${count}</p>
    <h3>${href ? html`<a href="${href}">${label}</a>` : label}</h3>
    <p class="muted">${detail}</p>
  </li>`;
}

/** The administrator's work across the exchange, and the health of the ledger and storage. */
async function adminWork(view: SignedInView, services: Services): Promise<SafeHtml> {
  const { context } = view.session;
  const work = await services.workOverview.overview(context);
  const names = await organizationNames(
    services,
    context,
    work.failedJobs.newest.map((job) => job.organizationId),
  );
  const language = view.language;
  const healthy = (ok: boolean, text: string) =>
    html`<span class="badge ${ok ? 'badge-ok' : 'badge-bad'}">${text}</span>`;
  const { ledger, storage } = work;
  return html`<section aria-labelledby="work-title" data-admin-work>
    <h2 id="work-title">${view.t('admin.work')}</h2>
    <ul class="cards work-cards">
      ${workCard('pending-reviews', work.pendingReviews.count, view.t('admin.pendingReviews'), work.pendingReviews.oldestMs === null ? '—' : view.t('admin.oldestSince', { time: formatTime(language, work.pendingReviews.oldestMs) }))}
      ${workCard('overdue-requests', work.overdueRequests, view.t('admin.overdueRequests'), view.t('admin.overdueHint'), '/console/requests')}
      ${workCard('disputes', work.disputedRequests, view.t('admin.disputes'), view.t('admin.disputesHint'), '/console/requests')}
      ${workCard('failed-jobs', work.failedJobs.count + work.lapsedRunningJobs, view.t('admin.failedJobs'), view.t('admin.failedJobsHint', { lapsed: work.lapsedRunningJobs }))}
    </ul>
    ${
      work.failedJobs.newest.length > 0
        ? html`<div class="table-scroll">
            <table data-failed-jobs>
              <thead>
                <tr>
                  <th scope="col">${view.t('job.title')}</th>
                  <th scope="col">${view.t('home.organization')}</th>
                  <th scope="col">${view.t('job.failure')}</th>
                  <th scope="col">${view.t('ledger.recordedAt')}</th>
                </tr>
              </thead>
              <tbody>
                ${work.failedJobs.newest.map(
                  (job) =>
                    html`<tr>
                      <td><code>${job.id}</code></td>
                      <td>${names.get(job.organizationId) ?? job.organizationId}</td>
                      <td>${job.failureReason ?? '—'}</td>
                      <td>${formatTime(language, job.atMs)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : ''
    }
    <h2>${view.t('admin.health')}</h2>
    <dl class="facts" data-health>
      <dt>${view.t('admin.ledger')}</dt>
      <dd data-ledger-health="${ledger.reconciliation}">
        ${healthy(ledger.reconciliation !== 'differences', view.t(vocabularyKey('admin.reconciliation', ledger.reconciliation)))}
        ${view.t('admin.ledgerFigures', { size: ledger.treeSize, pending: ledger.pendingEvents })}
        ${ledger.differences > 0 ? view.t('admin.ledgerDifferences', { differences: ledger.differences }) : ''}
        <a href="/console/ledger">${view.t('ledger.title')}</a>
      </dd>
      <dt>${view.t('admin.database')}</dt>
      <dd data-database-health="${storage.database}">
        ${healthy(storage.database === 'reachable' && storage.migrations === 'applied', view.t(storage.database === 'reachable' ? (storage.migrations === 'applied' ? 'admin.databaseOk' : 'admin.migrationsPending') : 'admin.databaseDown'))}
      </dd>
      <dt>${view.t('admin.disk')}</dt>
      <dd data-disk-health="${storage.lowDisk ? 'low' : 'ok'}">
        ${storage.freeShare === null ? '—' : html`${healthy(!storage.lowDisk, view.t(storage.lowDisk ? 'admin.diskLow' : 'admin.diskOk'))} ${view.t('admin.diskFree', { share: formatPercent(language, storage.freeShare), size: formatFigure(language, (storage.freeBytes ?? 0) / 1e9, 1) })}`}
      </dd>
    </dl>
  </section>`;
}

export const homePages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/',
    access: 'session',
    handle: async ({ view, services }) => {
      const { principal, context } = view.session;
      const [member, organization, warning, work] = await Promise.all([
        services.members.getMember(context, principal.memberId),
        services.organizations.getOrganization(context, principal.organizationId),
        holidayNoticeWarning(view, services, principal),
        principal.roles.includes('admin') ? adminWork(view, services) : html``,
      ]);
      return page(
        view.t('home.title'),
        html`${warning}
          <dl class="facts">
            <dt>${view.t('home.signedInAs')}</dt>
            <dd>${member.displayName} <code>${member.id}</code></dd>
            <dt>${view.t('home.organization')}</dt>
            <dd>${organization.name} <code>${organization.uscc}</code></dd>
            <dt>${view.t('home.roles')}</dt>
            <dd>
              ${principal.roles.map((role) => html`<span class="badge">${view.t(vocabularyKey('role', role))}</span> `)}
            </dd>
          </dl>
          ${work}`,
      );
    },
  },
];
