// The dashboard: who is signed in, for which organization, with which roles, and where to go next.
import type { Principal } from '../../services/principal.js';
import type { Services } from '../../services/index.js';
import { page, type ConsoleRoute } from '../console-route.js';
import { html, type SafeHtml } from '../html.js';
import { vocabularyKey } from '../i18n/index.js';
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

export const homePages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/',
    access: 'session',
    handle: async ({ view, services }) => {
      const { principal, context } = view.session;
      const [member, organization, warning] = await Promise.all([
        services.members.getMember(context, principal.memberId),
        services.organizations.getOrganization(context, principal.organizationId),
        holidayNoticeWarning(view, services, principal),
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
          <p class="lead">${view.t('app.tagline')}</p>`,
      );
    },
  },
];
