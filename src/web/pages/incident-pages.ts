// Leak incidents (issue 19; seed Art. 18, 49–50): the list, filing a leaked copy (a small script
// streams the file), the attribution explained in plain words, suspending the named buyer's
// entitlements, closing — each step with its ledger entry. Calls the incident service only.
import type { FieldIssue } from '../../core/errors.js';
import { INCIDENT_RESOLUTIONS } from '../../domain/index.js';
import { toProblem } from '../../edge/problem.js';
import type { Services } from '../../services/index.js';
import type {
  AttributionView,
  BuyerIncidentView,
  IncidentView,
} from '../../services/incidents/index.js';
import { hasRole } from '../../services/principal.js';
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
import { FormErrors, type FieldMap } from '../field-errors.js';
import { formatFigure, formatTime, shortHash } from '../format.js';
import { selectField, textArea, textField } from '../form-fields.js';
import { html, type SafeHtml } from '../html.js';
import { vocabularyKey } from '../i18n/index.js';
import { csrfField, withDone } from '../layout.js';
import { organizationNames } from '../organization-names.js';
import { problemMessage } from '../problem-message.js';
import type { SignedInView } from '../view.js';

/** The console sends the description in a header: it stays under the header size limit. */
export const CONSOLE_DESCRIPTION_MAX = 1000;

type AnyIncident = IncidentView | BuyerIncidentView;

const isWhole = (incident: AnyIncident): incident is IncidentView => incident.audience !== 'buyer';

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A probability as people read it: `0.31`, `4.2 × 10⁻⁹` (from its log10, which never underflows). */
export function formatProbability(probability: number, log10?: number): string {
  const exponentOf10 = log10 ?? (probability > 0 ? Math.log10(probability) : -Infinity);
  if (probability >= 0.001) return probability >= 1 ? '1' : probability.toPrecision(2);
  if (!Number.isFinite(exponentOf10)) return '0';
  const exponent = Math.floor(exponentOf10);
  const mantissa = 10 ** (exponentOf10 - exponent);
  const power = [...String(exponent)].map((digit) => SUPERSCRIPT[digit]).join('');
  return `${mantissa.toFixed(1)} × 10${power}`;
}

/** The file form's fields, as the incident service names them. */
function fileFields(view: SignedInView): FieldMap {
  return {
    listingId: { name: 'listingId', label: view.t('incidents.listing') },
    listing: { name: 'listingId', label: view.t('incidents.listing') },
    description: { name: 'description', label: view.t('incidents.description') },
    body: { name: 'leakedCopy', label: view.t('incidents.copy') },
    leakedCopy: { name: 'leakedCopy', label: view.t('incidents.copy') },
  };
}

function actionFields(view: SignedInView): FieldMap {
  return {
    reason: { name: 'reason', label: view.t('incidents.suspendReason') },
    resolution: { name: 'resolution', label: view.t('incidents.resolution') },
    note: { name: 'note', label: view.t('incidents.note') },
    leakedCopy: { name: 'attribute', label: view.t('incidents.attribute') },
  };
}

async function fileForm(view: SignedInView, services: Services): Promise<SafeHtml> {
  const { principal, context } = view.session;
  const listings = hasRole(principal, 'provider')
    ? await services.listings.listListings(context)
    : [];
  const listingField =
    listings.length > 0 && !hasRole(principal, 'admin')
      ? selectField({
          name: 'listingId',
          label: view.t('incidents.listing'),
          options: listings.map((listing) => ({
            value: listing.id,
            label: `${listing.id} · ${view.language === 'zh' ? listing.title.zh : listing.title.en}`,
          })),
        })
      : textField({
          name: 'listingId',
          label: view.t('incidents.listing'),
          hint: view.t('incidents.listingHint'),
          maxLength: 64,
        });
  return html`<section
    aria-labelledby="file-incident"
    data-incident-file-panel
    data-csrf="${view.session.csrfToken}"
  >
    <h2 id="file-incident">${view.t('incidents.file')}</h2>
    <form class="stacked-form narrow" data-incident-file-form novalidate>
      ${listingField}
      ${textArea({ name: 'description', label: view.t('incidents.description'), hint: view.t('incidents.descriptionHint'), maxLength: CONSOLE_DESCRIPTION_MAX, rows: 3 })}
      <label for="field-leakedCopy">${view.t('incidents.copy')}</label
      ><input
        id="field-leakedCopy"
        type="file"
        name="leakedCopy"
        accept=".csv,.jsonl,.json,.arrow,.arrows,.parquet,text/csv"
        aria-describedby="field-leakedCopy-hint"
      />
      <p id="field-leakedCopy-hint" class="hint">${view.t('incidents.copyHint')}</p>
      <button type="submit">${view.t('incidents.fileButton')}</button>
    </form>
    <div
      role="status"
      aria-live="polite"
      data-incident-file-status
      data-uploading="${view.t('incidents.filing')}"
    ></div>
  </section>`;
}

function incidentRows(view: SignedInView, incidents: readonly AnyIncident[]): SafeHtml {
  if (incidents.length === 0) return html`<p>${view.t('incidents.none')}</p>`;
  return html`<div class="table-scroll">
    <table data-incidents>
      <thead>
        <tr>
          <th scope="col">${view.t('incidents.incident')}</th>
          <th scope="col">${view.t('incidents.listing')}</th>
          <th scope="col">${view.t('incidents.state')}</th>
          <th scope="col">${view.t('incidents.trade')}</th>
          <th scope="col">${view.t('common.created')}</th>
        </tr>
      </thead>
      <tbody>
        ${incidents.map(
          (incident) =>
            html`<tr>
              <td><a href="/console/incidents/${incident.id}">${incident.id}</a></td>
              <td>${incident.listingId}</td>
              <td>${view.t(vocabularyKey('incidents.state', incident.state))}</td>
              <td>${incident.tradeId ?? '—'}</td>
              <td>${formatTime(view.language, incident.createdAtMs)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

async function incidentsPage(view: SignedInView, services: Services): Promise<PageResult> {
  const { principal } = view.session;
  const sides: ('all' | 'provider' | 'buyer')[] = hasRole(principal, 'admin')
    ? ['all']
    : [
        ...(hasRole(principal, 'provider') ? (['provider'] as const) : []),
        ...(hasRole(principal, 'buyer') ? (['buyer'] as const) : []),
      ];
  const lists = await Promise.all(
    sides.map((side) => services.incidents.listIncidents(principal, side, { limit: 100 })),
  );
  const mayFile = hasRole(principal, 'provider') || hasRole(principal, 'admin');
  return page(
    view.t('incidents.title'),
    html`<p class="hint">${view.t('incidents.intro')}</p>
      ${incidentRows(
        view,
        lists.flatMap((list) => list.items),
      )}
      ${mayFile ? await fileForm(view, services) : ''}`,
    { scripts: mayFile ? ['incident-file.js'] : [] },
  );
}

/** The attribution in plain words, then every trade's line. */
function attributionSection(
  view: SignedInView,
  attribution: AttributionView,
  buyerName: string | undefined,
): SafeHtml {
  const named = attribution.ranking.find((score) => score.tradeId === attribution.tradeId);
  const threshold = formatProbability(attribution.threshold);
  const explanation =
    attribution.verdict === 'attributed' && named
      ? view.t('incidents.explainAttributed', {
          trade: named.tradeId,
          buyer: buyerName ?? '—',
          fap: formatProbability(named.falseAccusationProbability, named.log10FalseAccusation),
          trades: attribution.ranking.length,
          threshold,
          readable: attribution.evidence.readableSlots,
          slots: attribution.evidence.slots,
          rows: formatFigure(view.language, attribution.evidence.matchedRows),
        })
      : view.t('incidents.explainInconclusive', {
          threshold,
          reason: view.t(vocabularyKey('incidents.reason', attribution.reason)),
        });
  return html`<section aria-labelledby="attribution-title" data-attribution>
    <h2 id="attribution-title">${view.t('incidents.attribution')}</h2>
    <dl class="facts">
      <dt>${view.t('incidents.verdict')}</dt>
      <dd data-verdict="${attribution.verdict}">
        ${view.t(vocabularyKey('incidents.verdict', attribution.verdict))}
      </dd>
      ${
        named
          ? html`<dt>${view.t('incidents.trade')}</dt>
              <dd data-trade>${named.tradeId}</dd>
              <dt>${view.t('incidents.buyer')}</dt>
              <dd data-buyer>${buyerName ?? '—'}</dd>
              <dt>${view.t('incidents.score')}</dt>
              <dd data-score>${named.score.toFixed(2)}</dd>
              <dt>${view.t('incidents.fap')}</dt>
              <dd data-fap>
                ${formatProbability(named.falseAccusationProbability, named.log10FalseAccusation)}
              </dd>`
          : ''
      }
    </dl>
    <p data-explanation>${explanation}</p>
    <h3>${view.t('incidents.ranking')}</h3>
    <div class="table-scroll">
      <table data-ranking>
        <thead>
          <tr>
            <th scope="col">${view.t('incidents.trade')}</th>
            <th scope="col" class="number">${view.t('incidents.score')}</th>
            <th scope="col" class="number">${view.t('incidents.fap')}</th>
            <th scope="col">${view.t('incidents.accused')}</th>
          </tr>
        </thead>
        <tbody>
          ${attribution.ranking.map(
            (score) =>
              html`<tr>
                <td>${score.tradeId}</td>
                <td class="number">${score.score.toFixed(2)}</td>
                <td class="number">
                  ${formatProbability(score.falseAccusationProbability, score.log10FalseAccusation)}
                </td>
                <td>${view.t(score.accused ? 'common.yes' : 'common.no')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

async function ledgerSection(
  view: SignedInView,
  services: Services,
  incidentId: string,
): Promise<SafeHtml> {
  const events = await services.incidents.ledgerEventsOf(view.session.principal, incidentId);
  return html`<section aria-labelledby="ledger-title">
    <h2 id="ledger-title">${view.t('incidents.ledger')}</h2>
    <p class="hint">${view.t('incidents.ledgerIntro')}</p>
    <div class="table-scroll">
      <table data-incident-ledger>
        <thead>
          <tr>
            <th scope="col">${view.t('incidents.step')}</th>
            <th scope="col">${view.t('common.created')}</th>
            <th scope="col">${view.t('incidents.entry')}</th>
          </tr>
        </thead>
        <tbody>
          ${events.map(
            (event) =>
              html`<tr data-ledger-kind="${event.kind}">
                <td>${view.t(vocabularyKey('incidents.step', event.kind))}</td>
                <td>${formatTime(view.language, event.recordedAtMs)}</td>
                <td>
                  ${
                    event.leafIndex === null
                      ? view.t('incidents.pending')
                      : html`<a href="/console/ledger/entries/${event.leafIndex}"
                          >#${event.leafIndex}</a
                        >`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

/** What the exchange and the provider may do next, each a small form. */
function actionForms(
  view: SignedInView,
  incident: IncidentView,
  form: FormFields,
  errors: FormErrors,
): SafeHtml {
  const admin = hasRole(view.session.principal, 'admin');
  const base = `/console/incidents/${incident.id}`;
  const attribute =
    incident.state === 'filed'
      ? html`<section aria-labelledby="attribute-title">
          <h2 id="attribute-title">${view.t('incidents.attribute')}</h2>
          <form method="post" action="${base}/attribute" class="stacked-form narrow">
            ${csrfField(view)}
            <p class="hint">${view.t('incidents.attributeHint')}</p>
            ${errors.of('attribute').map((message) => html`<p class="field-error">${message}</p>`)}
            <button type="submit">${view.t('incidents.attribute')}</button>
          </form>
        </section>`
      : '';
  const suspend =
    admin && incident.state === 'attributed' && incident.tradeId !== null
      ? html`<section aria-labelledby="suspend-title">
          <h2 id="suspend-title">${view.t('incidents.suspend')}</h2>
          <form method="post" action="${base}/suspend" class="stacked-form narrow">
            ${csrfField(view)}
            <p class="hint">${view.t('incidents.suspendHint')}</p>
            ${textArea({ name: 'reason', label: view.t('incidents.suspendReason'), maxLength: 4000, rows: 2, value: formText(form, 'reason'), errors: errors.of('reason') })}
            <button type="submit">${view.t('incidents.suspendButton')}</button>
          </form>
        </section>`
      : '';
  const close =
    admin && incident.state !== 'closed'
      ? html`<section aria-labelledby="close-title">
          <h2 id="close-title">${view.t('incidents.close')}</h2>
          ${incident.state === 'suspended' ? html`<p class="hint">${view.t('incidents.closeHint')}</p>` : ''}
          <form method="post" action="${base}/close" class="stacked-form narrow">
            ${csrfField(view)}
            ${selectField({ name: 'resolution', label: view.t('incidents.resolution'), options: INCIDENT_RESOLUTIONS.map((value) => ({ value, label: view.t(vocabularyKey('incidents.resolution', value)) })), selected: formText(form, 'resolution') || (incident.tradeId ? 'leak_confirmed' : 'inconclusive'), errors: errors.of('resolution') })}
            ${textArea({ name: 'note', label: view.t('incidents.note'), maxLength: 4000, rows: 2, value: formText(form, 'note'), errors: errors.of('note') })}
            <button type="submit">${view.t('incidents.closeButton')}</button>
          </form>
        </section>`
      : '';
  return html`${errors.summary()}${attribute}${suspend}${close}`;
}

async function buyerNameOf(
  view: SignedInView,
  services: Services,
  organizationId: string | null,
): Promise<string | undefined> {
  if (organizationId === null) return undefined;
  // A provider may not read other organizations: it sees the id.
  const names = await organizationNames(services, view.session.context, [organizationId]).catch(
    () => new Map<string, string>(),
  );
  return names.get(organizationId) ?? organizationId;
}

/** Each entitlement the incident suspended with its state now (suspended, resumed or revoked). */
async function suspendedEntitlementsOf(
  view: SignedInView,
  services: Services,
  ids: readonly string[],
): Promise<SafeHtml> {
  const items = await Promise.all(
    ids.map(async (id) => {
      const entitlement = await services.entitlements
        .getEntitlement(view.session.principal, id)
        .catch(() => undefined);
      if (entitlement === undefined) return html`<li data-entitlement="${id}">${id}</li>`;
      return html`<li data-entitlement="${id}" data-entitlement-status="${entitlement.status}">
        <a href="/console/entitlements/${id}">${id}</a> ·
        ${view.t(vocabularyKey('entitlements.status', entitlement.status))}
      </li>`;
    }),
  );
  return html`<ul>
    ${items}
  </ul>`;
}

async function incidentPage(
  view: SignedInView,
  services: Services,
  id: string,
  form: FormFields = {},
  issues: readonly FieldIssue[] = [],
): Promise<PageResult> {
  const incident = await services.incidents.getIncident(view.session.principal, id);
  const title = `${view.t('incidents.incident')} ${incident.id}`;
  const state = html`<dt>${view.t('incidents.state')}</dt>
    <dd data-state="${incident.state}">
      ${view.t(vocabularyKey('incidents.state', incident.state))}
    </dd>
    <dt>${view.t('incidents.listing')}</dt>
    <dd>${incident.listingId}</dd>`;
  if (!isWhole(incident)) {
    return page(
      title,
      html`<p class="hint">${view.t('incidents.buyerView')}</p>
        <dl class="facts">
          ${state}
          <dt>${view.t('incidents.trade')}</dt>
          <dd>${incident.tradeId ?? '—'}</dd>
          <dt>${view.t('incidents.verdict')}</dt>
          <dd>
            ${incident.verdict ? view.t(vocabularyKey('incidents.verdict', incident.verdict)) : '—'}
          </dd>
          <dt>${view.t('incidents.fap')}</dt>
          <dd>
            ${
              incident.falseAccusationProbability === null
                ? '—'
                : formatProbability(incident.falseAccusationProbability)
            }
          </dd>
        </dl>`,
    );
  }
  const errors = new FormErrors(view, issues, actionFields(view));
  const buyerName = await buyerNameOf(view, services, incident.buyerOrganizationId);
  const copy = incident.leakedCopy;
  return page(
    title,
    html`<dl class="facts">
        ${state}
        <dt>${view.t('incidents.filedAs')}</dt>
        <dd>${view.t(vocabularyKey('incidents.filedAs', incident.filedAs))}</dd>
        <dt>${view.t('common.created')}</dt>
        <dd>${formatTime(view.language, incident.createdAtMs)}</dd>
        <dt>${view.t('incidents.description')}</dt>
        <dd>${incident.description}</dd>
        <dt>${view.t('incidents.copyFacts')}</dt>
        <dd>
          ${copy.filename ?? '—'} · ${copy.format} · ${formatFigure(view.language, copy.sizeBytes)}
          B · SHA-256 <code title="${copy.sha256}">${shortHash(copy.sha256)}</code>
        </dd>
        ${
          incident.suspendedEntitlementIds.length > 0
            ? html`<dt>${view.t('incidents.suspended')}</dt>
                <dd data-suspended>
                  ${await suspendedEntitlementsOf(view, services, incident.suspendedEntitlementIds)}
                </dd>`
            : ''
        }
        ${
          incident.resolution
            ? html`<dt>${view.t('incidents.resolution')}</dt>
                <dd data-resolution="${incident.resolution}">
                  ${view.t(vocabularyKey('incidents.resolution', incident.resolution))}${
                    incident.resolutionNote ? html` — ${incident.resolutionNote}` : ''
                  }
                </dd>`
            : ''
        }
      </dl>
      ${incident.attribution ? attributionSection(view, incident.attribution, buyerName) : ''}
      ${actionForms(view, incident, form, errors)}
      ${await ledgerSection(view, services, incident.id)}`,
  );
}

/** Runs an incident action; a refusal naming fields shows the page again with them. */
function incidentAction(
  path: string,
  done: string,
  act: (services: Services, view: SignedInView, id: string, form: FormFields) => Promise<unknown>,
): ConsoleRoute {
  return {
    method: 'post',
    path: `/incidents/:incidentId/${path}`,
    access: 'session',
    handle: async ({ req, view, services, form }): Promise<ConsoleResult> => {
      const id = String(req.params.incidentId);
      return submitForm(
        async () => {
          await act(services, view, id, form);
          return redirect(withDone(`/console/incidents/${id}`, done));
        },
        (issues) => incidentPage(view, services, id, form, issues),
      );
    },
  };
}

/** The file route's answer to its script: where to go, or each problem under its field. */
function fileRefusal(view: SignedInView, error: unknown): ConsoleResult | undefined {
  const { problem } = toProblem(error);
  const issues: readonly FieldIssue[] =
    problem.status === 404
      ? [{ field: 'listingId', reason: 'not found', code: 'invalid' }]
      : (problem.errors ?? []);
  if (problem.status >= 500) return undefined;
  const errors = new FormErrors(view, issues, fileFields(view));
  const fields: Record<string, readonly string[]> = {};
  for (const name of ['listingId', 'description', 'leakedCopy']) {
    const messages = errors.of(name);
    if (messages.length > 0) fields[name] = messages;
  }
  if (problem.status === 404) fields.listingId = [view.t('error.notFound')];
  return {
    kind: 'raw',
    status: problem.status,
    contentType: 'application/json',
    body: JSON.stringify({
      summary:
        Object.keys(fields).length > 0 ? view.t('incidents.failed') : problemMessage(view, problem),
      fields,
    }),
  };
}

const FORMATS_BY_EXTENSION: Readonly<Record<string, 'csv' | 'jsonl' | 'arrow' | 'parquet'>> = {
  parquet: 'parquet',
  jsonl: 'jsonl',
  json: 'jsonl',
  arrow: 'arrow',
  arrows: 'arrow',
};

export const incidentPages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/incidents',
    access: 'session',
    handle: ({ view, services }) => incidentsPage(view, services),
  },
  {
    method: 'post',
    path: '/incidents/file',
    access: 'session',
    handle: async ({ req, view, services }) => {
      const header = (name: string) => decodeURIComponent(String(req.get(name) ?? ''));
      const filename = header('x-filename').slice(0, 255);
      const extension = filename.toLowerCase().split('.').at(-1) ?? '';
      try {
        const filed = await services.incidents.fileIncident(view.session.context, {
          listingId: header('x-listing-id').trim(),
          description: header('x-description'),
          leakedCopy: req,
          format: FORMATS_BY_EXTENSION[extension] ?? 'csv',
          filename: filename || undefined,
        });
        return {
          kind: 'raw',
          status: 201,
          contentType: 'application/json',
          body: JSON.stringify({
            location: withDone(`/console/incidents/${filed.id}`, 'incidentFiled'),
          }),
        };
      } catch (error) {
        const refusal = fileRefusal(view, error);
        if (refusal === undefined) throw error;
        // The body may not have been read: drain it so the answer reaches the script.
        req.resume();
        return refusal;
      }
    },
  },
  {
    method: 'get',
    path: '/incidents/:incidentId',
    access: 'session',
    handle: ({ req, view, services }) =>
      incidentPage(view, services, String(req.params.incidentId)),
  },
  incidentAction('attribute', 'incidentAttributed', (services, view, id) =>
    services.incidents.attributeIncident(view.session.context, id),
  ),
  incidentAction('suspend', 'incidentSuspended', (services, view, id, form) =>
    services.incidents.suspendEntitlements(view.session.context, id, {
      reason: formText(form, 'reason'),
    }),
  ),
  incidentAction('close', 'incidentClosed', (services, view, id, form) =>
    services.incidents.closeIncident(view.session.context, id, {
      resolution: formText(form, 'resolution') as (typeof INCIDENT_RESOLUTIONS)[number],
      note: formText(form, 'note'),
    }),
  ),
];
