// Access requests (seed Art. 17, 23): providers answer within two working days (shown as a
// countdown to the statutory deadline), refusals need a reason code, reasons and a legal basis,
// buyers may dispute, and admins decide overdue and disputed requests as the authority.
import type { Role } from '../../domain/index.js';
import { REFUSAL_REASON_CODES } from '../../services/access-requests/access-request-rules.js';
import type { AccessRequestQueue } from '../../services/access-requests/access-request-service.js';
import type { AccessRequestView } from '../../services/access-requests/access-request-view.js';
import { formText, page, redirect, type ConsoleRoute } from '../console-route.js';
import { formatTime } from '../format.js';
import { selectField, textArea, textField } from '../form-fields.js';
import { html, trustedHtml, type SafeHtml } from '../html.js';
import { type MessageKey, vocabularyKey } from '../i18n/index.js';
import { csrfField } from '../layout.js';
import type { Services } from '../../services/index.js';
import { organizationNames } from '../organization-names.js';
import type { SignedInView } from '../view.js';

const HOUR_MS = 3_600_000;

/** Hours left before the deadline, rounded down; negative once it has passed. */
export function hoursLeft(deadlineMs: number, nowMs: number): number {
  return Math.floor((deadlineMs - nowMs) / HOUR_MS);
}

function countdown(view: SignedInView, request: AccessRequestView, nowMs: number): SafeHtml {
  const open = request.state === 'pending' || request.state === 'overdue';
  if (!open) return html`—`;
  const hours = hoursLeft(request.deadlineMs, nowMs);
  return request.late || hours < 0
    ? html`<span class="badge badge-bad" data-countdown="overdue"
        >${view.t('requests.overdue')}</span
      >`
    : html`<span class="badge${hours < 8 ? ' badge-warn' : ''}" data-countdown="${hours}"
        >${view.t('requests.hoursLeft', { hours })}</span
      >`;
}

/** A provisional deadline (a year's holiday notice not loaded) says so, and why, in the page's language. */
function deadlineBasisNote(view: SignedInView, request: AccessRequestView): SafeHtml {
  if (request.deadlineProvisional) {
    return html`<br /><span class="badge badge-warn" data-deadline-provisional
        >${view.t('requests.provisional')}</span
      >
      <span class="muted"
        >${view.t('requests.provisionalReason', {
          years: request.deadlineStatutoryYears.join(', '),
        })}</span
      >`;
  }
  if (request.deadlineBasis === 'kept_as_shown') {
    return html`<br /><span class="muted" data-deadline-kept
        >${view.t('requests.keptAsShown')}</span
      >`;
  }
  return html``;
}

/** Names a request row shows instead of ids: the buyer organization and the listing's title. */
interface RequestNames {
  readonly organizations: ReadonlyMap<string, string>;
  readonly listings: ReadonlyMap<string, string>;
}

function requestRow(
  view: SignedInView,
  request: AccessRequestView,
  nowMs: number,
  actions: SafeHtml,
  names: RequestNames,
): SafeHtml {
  return html`<tr data-request="${request.id}">
    <td data-request-requester>
      ${names.organizations.get(request.buyerOrganizationId) ?? request.buyerOrganizationId}
    </td>
    <td>
      <a href="/console/catalog/${request.listingId}"
        >${names.listings.get(request.listingId) ?? request.listingId}</a
      >
    </td>
    <td>
      ${view.t(vocabularyKey('purpose', request.purpose))}<br /><span class="muted"
        >${request.intendedUse}</span
      >
    </td>
    <td>${request.columns.join(', ')}</td>
    <td data-request-state="${request.state}">
      <span class="nowrap">${view.t(vocabularyKey('requests.state', request.state))}</span
      >${request.refusalReason ? html`<br /><span class="muted">${request.refusalReasonCode ? view.t(vocabularyKey('requests.reasonCode', request.refusalReasonCode)) : ''}: ${request.refusalReason} (${request.legalBasis})</span>` : ''}
    </td>
    <td>
      ${formatTime(view.language, request.deadlineMs)}${deadlineBasisNote(view, request)}<br />${countdown(view, request, nowMs)}
    </td>
    <td>${actions}</td>
  </tr>`;
}

function table(view: SignedInView, rows: readonly SafeHtml[]): SafeHtml {
  return rows.length === 0
    ? html`<p>${view.t('requests.none')}</p>`
    : html`<div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">${view.t('requests.requester')}</th>
              <th scope="col">${view.t('entitlements.listing')}</th>
              <th scope="col">${view.t('catalog.purpose')}</th>
              <th scope="col">${view.t('catalog.columns')}</th>
              <th scope="col">${view.t('common.status')}</th>
              <th scope="col">${view.t('requests.deadline')}</th>
              <th scope="col">${view.t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>
      </div>`;
}

function providerActions(view: SignedInView, request: AccessRequestView): SafeHtml {
  if (request.state !== 'pending' && request.state !== 'overdue') return html``;
  return html`<form method="post" action="/console/requests/${request.id}/approve">
      ${csrfField(view)}<button type="submit">${view.t('requests.approve')}</button>
    </form>
    <details class="refuse-form">
      <summary>${view.t('requests.refuse')}</summary>
      <form method="post" action="/console/requests/${request.id}/refuse" class="stacked-form">
        ${csrfField(view)}
        ${selectField({ name: 'reasonCode', id: `reason-code-${request.id}`, label: view.t('requests.reasonCode'), options: REFUSAL_REASON_CODES.map((code) => ({ value: code, label: view.t(vocabularyKey('requests.reasonCode', code)) })) })}
        ${textArea({ name: 'reason', id: `reason-${request.id}`, label: view.t('requests.reason'), required: true })}
        ${textField({ name: 'legalBasis', id: `basis-${request.id}`, label: view.t('requests.legalBasis'), required: true })}
        <button type="submit" class="danger">${view.t('requests.refuse')}</button>
      </form>
    </details>`;
}

function buyerActions(view: SignedInView, request: AccessRequestView): SafeHtml {
  if (request.state !== 'refused') return html``;
  return html`<details>
    <summary>${view.t('requests.dispute')}</summary>
    <form method="post" action="/console/requests/${request.id}/dispute" class="stacked-form">
      ${csrfField(view)}
      ${textArea({ name: 'statement', id: `statement-${request.id}`, label: view.t('requests.statement'), required: true })}
      <button type="submit">${view.t('requests.dispute')}</button>
    </form>
  </details>`;
}

/** The queues a member sees, one per role held: what they answer, what they asked, what they decide. */
const REQUEST_QUEUES: readonly {
  readonly role: Role;
  readonly queue: AccessRequestQueue;
  /** Names the section's id and its `data-` marker. */
  readonly name: 'incoming' | 'outgoing' | 'authority';
  readonly title: MessageKey;
  readonly actions: (view: SignedInView, request: AccessRequestView) => SafeHtml;
}[] = [
  {
    role: 'provider',
    queue: 'provider',
    name: 'incoming',
    title: 'requests.incoming',
    actions: providerActions,
  },
  {
    role: 'buyer',
    queue: 'buyer',
    name: 'outgoing',
    title: 'requests.outgoing',
    actions: buyerActions,
  },
  {
    role: 'admin',
    queue: 'authority',
    name: 'authority',
    title: 'requests.authority',
    actions: () => html``,
  },
];

/** Reads the organization names and listing titles of `requests` once per page. */
async function requestNames(
  view: SignedInView,
  services: Services,
  requests: readonly AccessRequestView[],
): Promise<RequestNames> {
  const { context } = view.session;
  const listingIds = [...new Set(requests.map((request) => request.listingId))];
  const [organizations, listings] = await Promise.all([
    organizationNames(
      services,
      context,
      requests.map((request) => request.buyerOrganizationId),
    ),
    Promise.all(
      listingIds.map(async (id) => {
        // A listing the member may no longer read (retired, another provider's) keeps its id.
        const listing = await services.listings.getListing(context, id).catch(() => undefined);
        const title = listing && (view.language === 'zh' ? listing.title.zh : listing.title.en);
        return [id, title ?? id] as const;
      }),
    ),
  ]);
  return { organizations, listings: new Map(listings) };
}

export const requestPages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/requests',
    access: 'session',
    handle: async ({ view, services }) => {
      const { principal, nowMs } = view.session;
      const queues = REQUEST_QUEUES.filter((queue) => principal.roles.includes(queue.role));
      const sections = await Promise.all(
        queues.map(async (queue) => {
          const requests = await services.accessRequests.listAccessRequests(
            principal,
            queue.queue,
            {
              limit: 100,
            },
          );
          const names = await requestNames(view, services, requests.items);
          return html`<section
            aria-labelledby="${queue.name}-title"
            ${trustedHtml(`data-${queue.name}`)}
          >
            <h2 id="${queue.name}-title">${view.t(queue.title)}</h2>
            ${table(
              view,
              requests.items.map((request) =>
                requestRow(view, request, nowMs, queue.actions(view, request), names),
              ),
            )}
          </section>`;
        }),
      );
      return page(view.t('requests.title'), html`${sections}`);
    },
  },
  {
    method: 'post',
    path: '/requests/:requestId/:answer',
    access: 'session',
    handle: async ({ req, view, services, form }) => {
      const { context } = view.session;
      const id = String(req.params.requestId);
      switch (String(req.params.answer)) {
        case 'approve':
          await services.accessRequests.approveAccessRequest(context, id);
          break;
        case 'refuse':
          await services.accessRequests.refuseAccessRequest(context, id, {
            reasonCode: formText(form, 'reasonCode'),
            reason: formText(form, 'reason'),
            legalBasis: formText(form, 'legalBasis'),
          });
          break;
        case 'dispute':
          await services.accessRequests.disputeAccessRequest(context, id, {
            statement: formText(form, 'statement'),
          });
          break;
        default:
          return page(view.t('error.title'), html`<p>${view.t('error.notFound')}</p>`, {
            status: 404,
          });
      }
      return redirect('/console/requests');
    },
  },
];
