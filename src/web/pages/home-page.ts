// The dashboard: who is signed in, for which organization, with which roles, and where to go next.
import { page, type ConsoleRoute } from '../console-route.js';
import { html } from '../html.js';
import { vocabularyKey } from '../i18n/index.js';

export const homePages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/',
    access: 'session',
    handle: async ({ view, services }) => {
      const { principal, context } = view.session;
      const [member, organization] = await Promise.all([
        services.members.getMember(context, principal.memberId),
        services.organizations.getOrganization(context, principal.organizationId),
      ]);
      return page(
        view.t('home.title'),
        html`<dl class="facts">
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
