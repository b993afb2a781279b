// Access requests (seed Art. 17, 23): providers answer within two working days (shown as a
// countdown to the statutory deadline), refusals need a reason code, reasons and a legal basis,
// buyers may dispute, and admins decide overdue and disputed requests as the authority.
import type { Role } from '../../domain/index.js';
import { REFUSAL_REASON_CODES } from '../../services/access-requests/access-request-rules.js';
import type { AccessRequestQueue } from '../../services/access-requests/access-request-service.js';
import type { AccessRequestView } from '../../services/access-requests/access-request-view.js';
import {
  formText,
  page,
  redirect,
  submitForm,
  type ConsoleResult,
  type ConsoleRoute,
  type FormFields,
  type PageResult,
} from '../console-route.js';
import { DISPUTE_STATEMENT_MIN_CHARACTERS } from '../../services/access-requests/access-request-service.js';
import { FormErrors, type FieldMap } from '../field-errors.js';
import { formatTime } from '../format.js';
import { selectField, textArea, textField } from '../form-fields.js';
import { html, trustedHtml, type SafeHtml } from '../html.js';
import { type MessageKey, vocabularyKey } from '../i18n/index.js';
import { csrfField, withDone } from '../layout.js';
import type { Services } from '../../services/index.js';
import { listingTitles } from '../listing-titles.js';
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
  /** The member who sent each request, by request id. */
  readonly requesters: ReadonlyMap<string, string>;
}

/** A refused answer or dispute: which request, and what the service said of its fields. */
interface FailedAnswer {
  readonly requestId: string;
  readonly form: FormFields;
  readonly errors: FormErrors;
}

function requestRow(
  view: SignedInView,
  request: AccessRequestView,
  nowMs: number,
  actions: SafeHtml,
  names: RequestNames,
): SafeHtml {
  return html`<tr data-request="${request.id}">
    <td>
      <span data-request-requester
        >${names.organizations.get(request.buyerOrganizationId) ?? request.buyerOrganizationId}</span
      >${names.requesters.has(request.id) ? html`<br /><span class="muted" data-request-member>${names.requesters.get(request.id)}</span>` : ''}
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
      >${request.refusalReason ? html`<br /><span class="muted">${request.refusalReasonCode ? view.t(vocabularyKey('requests.reasonCode', request.refusalReasonCode)) : ''}${view.language === 'zh' ? '：' : ': '}${request.refusalReason}（${view.t('requests.legalBasis')}${view.language === 'zh' ? '：' : ': '}${request.legalBasis}）</span>` : ''}
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

/** The refuse and dispute forms' fields, as the access-request service names them. */
function answerFields(view: SignedInView): FieldMap {
  const field = (name: string, label: MessageKey) => ({ name, label: view.t(label) });
  return {
    reasonCode: field('reasonCode', 'requests.reasonCode'),
    reason: field('reason', 'requests.reason'),
    legalBasis: field('legalBasis', 'requests.legalBasis'),
    statement: field('statement', 'requests.statement'),
  };
}

/** The failed answer when it concerns `request`; else an empty form and no errors. */
function answerState(view: SignedInView, request: AccessRequestView, failed?: FailedAnswer) {
  return failed?.requestId === request.id
    ? { form: failed.form, errors: failed.errors, open: true }
    : { form: {} as FormFields, errors: FormErrors.none(view), open: false };
}

function providerActions(
  view: SignedInView,
  request: AccessRequestView,
  failed?: FailedAnswer,
): SafeHtml {
  if (request.state !== 'pending' && request.state !== 'overdue') return html``;
  const { form, errors, open } = answerState(view, request, failed);
  return html`<form method="post" action="/console/requests/${request.id}/approve">
      ${csrfField(view)}<button type="submit">${view.t('requests.approve')}</button>
    </form>
    <details class="refuse-form" ${open ? html` open` : ''}>
      <summary>${view.t('requests.refuse')}</summary>
      <form method="post" action="/console/requests/${request.id}/refuse" class="stacked-form">
        ${csrfField(view)} ${errors.summary()}
        ${selectField({ name: 'reasonCode', id: `reason-code-${request.id}`, label: view.t('requests.reasonCode'), options: REFUSAL_REASON_CODES.map((code) => ({ value: code, label: view.t(vocabularyKey('requests.reasonCode', code)) })), selected: formText(form, 'reasonCode'), errors: errors.of('reasonCode') })}
        ${textArea({ name: 'reason', id: `reason-${request.id}`, label: view.t('requests.reason'), required: true, maxLength: 4000, value: formText(form, 'reason'), errors: errors.of('reason') })}
        ${textField({ name: 'legalBasis', id: `basis-${request.id}`, label: view.t('requests.legalBasis'), hint: view.t('requests.legalBasisHint'), required: true, maxLength: 2000, value: formText(form, 'legalBasis'), errors: errors.of('legalBasis') })}
        <button type="submit" class="danger">${view.t('requests.refuse')}</button>
      </form>
    </details>`;
}

function buyerActions(
  view: SignedInView,
  request: AccessRequestView,
  failed?: FailedAnswer,
): SafeHtml {
  if (request.state !== 'refused') return html``;
  const { form, errors, open } = answerState(view, request, failed);
  return html`<details class="refuse-form" ${open ? html` open` : ''}>
    <summary>${view.t('requests.dispute')}</summary>
    <form method="post" action="/console/requests/${request.id}/dispute" class="stacked-form">
      ${csrfField(view)} ${errors.summary()}
      ${textArea({ name: 'statement', id: `statement-${request.id}`, label: view.t('requests.statement'), hint: view.t('hint.minChars', { min: DISPUTE_STATEMENT_MIN_CHARACTERS }), required: true, minLength: DISPUTE_STATEMENT_MIN_CHARACTERS, maxLength: 4000, value: formText(form, 'statement'), errors: errors.of('statement') })}
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
  readonly actions: (
    view: SignedInView,
    request: AccessRequestView,
    failed?: FailedAnswer,
  ) => SafeHtml;
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
  const [organizations, listings, requesters] = await Promise.all([
    organizationNames(
      services,
      context,
      requests.map((request) => request.buyerOrganizationId),
    ),
    listingTitles(
      services,
      view,
      requests.map((request) => request.listingId),
    ),
    services.accessRequests.requesterNames(
      view.session.principal,
      requests.map((request) => request.id),
    ),
  ]);
  return { organizations, listings, requesters };
}

/** Every queue the member's roles give; a refused answer shows its problems in its own row. */
async function requestsPage(
  view: SignedInView,
  services: Services,
  failed?: FailedAnswer,
): Promise<PageResult> {
  const { principal, nowMs } = view.session;
  const queues = REQUEST_QUEUES.filter((queue) => principal.roles.includes(queue.role));
  const sections = await Promise.all(
    queues.map(async (queue) => {
      const requests = await services.accessRequests.listAccessRequests(principal, queue.queue, {
        limit: 100,
      });
      const names = await requestNames(view, services, requests.items);
      return html`<section
        aria-labelledby="${queue.name}-title"
        ${trustedHtml(`data-${queue.name}`)}
      >
        <h2 id="${queue.name}-title">${view.t(queue.title)}</h2>
        ${table(
          view,
          requests.items.map((request) =>
            requestRow(view, request, nowMs, queue.actions(view, request, failed), names),
          ),
        )}
      </section>`;
    }),
  );
  return page(view.t('requests.title'), html`${sections}`);
}

export const requestPages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/requests',
    access: 'session',
    handle: async ({ view, services }) => requestsPage(view, services),
  },
  {
    method: 'post',
    path: '/requests/:requestId/:answer',
    access: 'session',
    handle: async ({ req, view, services, form }) => {
      const { context } = view.session;
      const id = String(req.params.requestId);
      const answer = String(req.params.answer);
      const act = async (): Promise<ConsoleResult> => {
        switch (answer) {
          case 'approve':
            await services.accessRequests.approveAccessRequest(context, id);
            return redirect(withDone('/console/requests', 'requestApproved'));
          case 'refuse':
            await services.accessRequests.refuseAccessRequest(context, id, {
              reasonCode: formText(form, 'reasonCode'),
              reason: formText(form, 'reason'),
              legalBasis: formText(form, 'legalBasis'),
            });
            return redirect(withDone('/console/requests', 'requestRefused'));
          case 'dispute':
            await services.accessRequests.disputeAccessRequest(context, id, {
              statement: formText(form, 'statement'),
            });
            return redirect(withDone('/console/requests', 'requestDisputed'));
          default:
            return page(view.t('error.title'), html`<p>${view.t('error.notFound')}</p>`, {
              status: 404,
            });
        }
      };
      return submitForm(act, (issues) =>
        requestsPage(view, services, {
          requestId: id,
          form,
          errors: new FormErrors(view, issues, answerFields(view)),
        }),
      );
    },
  },
];
