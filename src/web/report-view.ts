// The anonymization report as reviewers read it in the console: verdict and GB/T 42460 level
// first, then the privacy figures, risk, charts, detection before and after, transforms, utility.
import type { AnonymizationReport } from '../core/report/index.js';
import { renderBarChart } from '../core/report/index.js';
import { formatFigure, formatPercent, formatTime } from './format.js';
import { html, trustedHtml, type SafeHtml } from './html.js';
import {
  columnRoleLabel,
  identifierKindLabel,
  modelLabel,
  releaseContextLabel,
  transformLabel,
  transformStep,
  wordFor,
} from './vocabulary.js';
import type { ConsoleView } from './view.js';
import { classSizeChart } from './class-size-chart.js';

/** The k the policy requires (the k-anonymity check's threshold), else the k measured. */
function requiredK(report: AnonymizationReport): number {
  const check = report.models.find((model) => model.model === 'k-anonymity');
  return check?.threshold ?? report.privacy?.k ?? 1;
}

function verdictBadge(view: ConsoleView, pass: boolean): SafeHtml {
  return pass
    ? html`<span class="badge badge-ok">${view.t('report.passShort')}</span>`
    : html`<span class="badge badge-bad">${view.t('report.failShort')}</span>`;
}

function figure(name: string, value: string): SafeHtml {
  return html`<div class="figure">
    <div class="value">${value}</div>
    <div class="name">${name}</div>
  </div>`;
}

function detectionTable(view: ConsoleView, report: AnonymizationReport): SafeHtml {
  const after = new Map(
    (report.detection.after?.columns ?? []).map((column) => [column.name, column]),
  );
  const findingsOf = (
    column: { findings: readonly { kind: string; match_rate: number }[] } | undefined,
  ) =>
    column && column.findings.length > 0
      ? column.findings.map(
          (finding) =>
            html`${identifierKindLabel(view, finding.kind)}
            ${formatPercent(view.language, finding.match_rate)} `,
        )
      : '—';
  return html`<div class="table-scroll">
    <table>
      <thead>
        <tr>
          <th scope="col">${view.t('report.column')}</th>
          <th scope="col">${view.t('report.before')}</th>
          <th scope="col">${view.t('report.after')}</th>
        </tr>
      </thead>
      <tbody>
        ${report.detection.before.columns.map(
          (column) =>
            html`<tr>
              <th scope="row"><code>${column.name}</code></th>
              <td>
                ${column.direct_identifier ? html`<span class="badge badge-warn">ID</span> ` : ''}${findingsOf(column)}
              </td>
              <td>
                ${after.has(column.name) ? findingsOf(after.get(column.name)) : html`<span class="muted">—</span>`}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function modelsTable(view: ConsoleView, report: AnonymizationReport): SafeHtml {
  return html`<div class="table-scroll">
    <table>
      <thead>
        <tr>
          <th scope="col">${view.t('report.model')}</th>
          <th scope="col">${view.t('report.attribute')}</th>
          <th scope="col" class="number">${view.t('report.measured')}</th>
          <th scope="col">${view.t('report.required')}</th>
          <th scope="col">${view.t('report.result')}</th>
        </tr>
      </thead>
      <tbody>
        ${report.models.map(
          (check) =>
            html`<tr>
              <td>${modelLabel(view, check.model)}</td>
              <td>${check.attribute ?? '—'}</td>
              <td class="number">${formatFigure(view.language, check.value)}</td>
              <td>${check.rule} ${formatFigure(view.language, check.threshold)}</td>
              <td>${verdictBadge(view, check.pass)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function transformsTable(view: ConsoleView, report: AnonymizationReport): SafeHtml {
  return html`<div class="table-scroll">
    <table>
      <thead>
        <tr>
          <th scope="col">${view.t('report.column')}</th>
          <th scope="col">${view.t('report.role')}</th>
          <th scope="col">${view.t('report.steps')}</th>
        </tr>
      </thead>
      <tbody>
        ${report.transforms.map(
          (transform) =>
            html`<tr>
              <th scope="row"><code>${transform.column}</code></th>
              <td>${columnRoleLabel(view, transform.role)}</td>
              <td>
                ${transform.steps.length === 0 ? '—' : transform.steps.map((step) => html`${transformStep(view, step)}<br />`)}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The gate's two k and R figures side by side (declared quasi-identifiers; every knowable column). */
function riskFigures(view: ConsoleView, report: AnonymizationReport): SafeHtml | string {
  const gate = report.gate;
  if (!gate?.declaredRisk || !gate.measuredRisk) return '';
  const language = view.language;
  const line = (name: string, risk: NonNullable<typeof gate.measuredRisk>) =>
    html`<tr>
      <th scope="row">
        ${name}<br /><span class="muted">${risk.quasiIdentifiers.join(', ')}</span>
      </th>
      <td class="number">${formatFigure(language, risk.k)}</td>
      <td class="number">${formatFigure(language, risk.R)}</td>
      <td>${risk.level}</td>
    </tr>`;
  return html`<section aria-labelledby="risk-figures-title">
    <h2 id="risk-figures-title">${view.t('report.riskFigures')}</h2>
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">${view.t('report.quasi')}</th>
            <th scope="col">${view.t('report.k')}</th>
            <th scope="col">${view.t('report.R')}</th>
            <th scope="col">${view.t('report.level')}</th>
          </tr>
        </thead>
        <tbody>
          ${line(view.t('report.declaredRisk'), gate.declaredRisk)}
          ${line(view.t('report.measuredRisk'), gate.measuredRisk)}
        </tbody>
      </table>
    </div>
  </section>`;
}

/** Kinds of the gate's refusals that judge one released column by its content. */
const COLUMN_REFUSALS = ['near_unique_column', 'recoverable_transform'] as const;

/**
 * The gate's own figures beside the risk: each released column's unique share (and whether the
 * gate refused it as a de facto identifier), the candidate originals a transformed identifier
 * leaves, and what each free-text scrub replaced, per kind.
 */
function gateFigures(view: ConsoleView, report: AnonymizationReport): SafeHtml | string {
  const gate = report.gate;
  if (!gate) return '';
  const language = view.language;
  const refused = (kind: (typeof COLUMN_REFUSALS)[number], column: string) =>
    gate.refusals.some((r) => r.kind === kind && r.column === column);
  const counts = COLUMN_REFUSALS.map((kind) => gate.refusals.filter((r) => r.kind === kind).length);
  return html`<section aria-labelledby="gate-figures-title" data-gate-figures>
    <h2 id="gate-figures-title">${view.t('report.gateFigures')}</h2>
    <p>
      ${view.t('report.uniquenessRefusals')}:
      <strong data-refusals="near_unique_column">${counts[0]}</strong> ·
      ${view.t('report.recoverableRefusals')}:
      <strong data-refusals="recoverable_transform">${counts[1]}</strong>
    </p>
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">${view.t('report.column')}</th>
            <th scope="col" class="number">${view.t('report.distinct')}</th>
            <th scope="col" class="number">${view.t('report.uniqueShare')}</th>
            <th scope="col">${view.t('report.result')}</th>
          </tr>
        </thead>
        <tbody>
          ${gate.columns.map(
            (column) =>
              html`<tr>
                <th scope="row"><code>${column.name}</code></th>
                <td class="number">${formatFigure(language, column.distinct)}</td>
                <td class="number">${formatPercent(language, column.uniqueShare)}</td>
                <td>
                  ${refused('near_unique_column', column.name) ? html`<span class="badge badge-bad">${view.t('report.nearUnique')}</span>` : column.constant ? view.t('report.constant') : verdictBadge(view, true)}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      gate.identifierTransforms.length === 0
        ? ''
        : html`<h3>${view.t('report.identifierTransforms')}</h3>
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${view.t('report.column')}</th>
                    <th scope="col">${view.t('report.steps')}</th>
                    <th scope="col" class="number">${view.t('report.candidates')}</th>
                    <th scope="col" class="number">${view.t('report.required')}</th>
                    <th scope="col">${view.t('report.result')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${gate.identifierTransforms.map(
                    (transform) =>
                      html`<tr>
                        <th scope="row"><code>${transform.column}</code></th>
                        <td>
                          ${transform.steps.map((step) => transformLabel(view, step)).join(' + ')}${transform.identifierKind ? html` <span class="muted">${identifierKindLabel(view, transform.identifierKind)}</span>` : ''}
                        </td>
                        <td class="number">${formatFigure(language, transform.candidates)}</td>
                        <td class="number">≥ ${formatFigure(language, transform.required)}</td>
                        <td>
                          ${verdictBadge(view, !refused('recoverable_transform', transform.column))}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
    }
    ${
      gate.textScrubs.length === 0
        ? ''
        : html`<h3>${view.t('report.textScrubs')}</h3>
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${view.t('report.column')}</th>
                    <th scope="col">${view.t('report.spansByKind')}</th>
                    <th scope="col" class="number">${view.t('report.cellsWithSpans')}</th>
                    <th scope="col" class="number">${view.t('report.cellsDropped')}</th>
                    <th scope="col" class="number">${view.t('report.textKept')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${gate.textScrubs.map(
                    (scrub) =>
                      html`<tr>
                        <th scope="row"><code>${scrub.column}</code></th>
                        <td>
                          ${Object.entries(scrub.spansByKind).map(([kind, spans]) => html`${identifierKindLabel(view, kind)} ${formatFigure(language, spans)} `)}
                        </td>
                        <td class="number">${formatFigure(language, scrub.cellsWithSpans)}</td>
                        <td class="number">${formatFigure(language, scrub.cellsDropped)}</td>
                        <td class="number">${formatPercent(language, scrub.textKept)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
    }
  </section>`;
}

/** A numeric column's earth mover's distance from the report's analysis; '—' for other columns. */
function numericDistanceOf(
  report: AnonymizationReport,
  name: string,
  language: ConsoleView['language'],
): string {
  const column = report.analysis?.columns.find((c) => c.name === name);
  return column?.kind === 'numeric' ? formatFigure(language, column.emd) : '—';
}

/** The analysis's warnings (a column made constant, a high t) and k and risk before and after. */
function analysisSummary(view: ConsoleView, report: AnonymizationReport): SafeHtml | string {
  const analysis = report.analysis;
  if (!analysis) return '';
  const language = view.language;
  const { before, after } = analysis.risk;
  return html`<section aria-labelledby="analysis-title" data-analysis>
    <h2 id="analysis-title">${view.t('report.warnings')}</h2>
    ${
      analysis.flags.length === 0
        ? html`<p>—</p>`
        : html`<ul>
            ${analysis.flags.map(
              (flag) =>
                html`<li data-flag="${flag.kind}">
                  <code>${flag.column}</code>:
                  ${flag.kind === 'constant_column' ? view.t('report.constantColumn') : html`${view.t('report.highT')} (t = ${formatFigure(language, flag.value ?? null)})`}
                </li>`,
            )}
          </ul>`
    }
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col"></th>
            <th scope="col" class="number">${view.t('report.riskBefore')}</th>
            <th scope="col" class="number">${view.t('report.riskAfter')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">${view.t('report.k')}</th>
            <td class="number">${before ? formatFigure(language, before.k) : '—'}</td>
            <td class="number">${formatFigure(language, after.k)}</td>
          </tr>
          <tr>
            <th scope="row">${view.t('report.prosecutor')} · ${view.t('report.highest')}</th>
            <td class="number">
              ${before ? formatPercent(language, before.prosecutor.highest) : '—'}
            </td>
            <td class="number">${formatPercent(language, after.prosecutor.highest)}</td>
          </tr>
          <tr>
            <th scope="row">${view.t('report.sampleUniques')}</th>
            <td class="number">${before ? formatPercent(language, before.sampleUniques) : '—'}</td>
            <td class="number">${formatPercent(language, after.sampleUniques)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  </section>`;
}

export function renderReportSummary(view: ConsoleView, report: AnonymizationReport): SafeHtml {
  const privacy = report.privacy;
  const gbt = privacy?.gbt42460;
  const language = view.language;
  return html`${analysisSummary(view, report)}
    <section aria-labelledby="verdict-title">
      <h2 id="verdict-title">${view.t('report.verdict')}</h2>
      <div
        class="notice ${report.verdict.pass ? 'notice-ok' : 'notice-error'}"
        data-verdict="${report.verdict.pass ? 'pass' : 'fail'}"
      >
        <p>
          <strong>${report.verdict.pass ? view.t('report.pass') : view.t('report.fail')}</strong>
        </p>
        ${
          report.verdict.reasons.length > 0
            ? html`<ul>
                ${report.verdict.reasons.map((reason) => html`<li data-reason="${reason.code}">${wordFor(view, 'reportReason', reason.code)}${view.language === 'zh' ? '：' : ': '}<code>${reason.subject}</code>${view.language === 'en' ? html` — ${reason.detail}` : ''}</li>`)}
              </ul>`
            : ''
        }
      </div>
      <dl class="facts">
        <dt>${view.t('report.generatedAt')}</dt>
        <dd>${formatTime(language, report.generatedAtMs)}</dd>
        <dt>${view.t('report.quasi')}</dt>
        <dd>
          ${privacy ? privacy.quasiIdentifiers.map((name) => html`<code>${name}</code> `) : '—'}
        </dd>
      </dl>
    </section>
    ${
      gbt
        ? html`<section aria-labelledby="gbt-title">
            <h2 id="gbt-title">${view.t('report.gbt')}</h2>
            <div class="figures">
              ${figure(view.t('report.level'), gbt.level)}
              ${figure(view.t('report.R'), formatFigure(language, gbt.R))}
              ${figure(view.t('report.threshold'), `≤ ${formatFigure(language, gbt.riskThreshold)}`)}
              ${figure(view.t('report.Ra'), formatPercent(language, gbt.Ra))}
              ${figure(view.t('report.Rb'), formatFigure(language, gbt.Rb))}
              ${figure(view.t('report.Rc'), formatFigure(language, gbt.Rc))}
              ${figure(view.t('report.tau'), formatFigure(language, gbt.tau))}
              ${figure(view.t('report.context'), releaseContextLabel(view, gbt.context))}
            </div>
          </section>`
        : ''
    }
    ${analysisSummary(view, report)} ${riskFigures(view, report)} ${gateFigures(view, report)}
    ${
      privacy
        ? html`<section aria-labelledby="privacy-title">
            <h2 id="privacy-title">${view.t('report.privacy')}</h2>
            <div class="figures">
              ${figure(view.t('report.records'), formatFigure(language, privacy.records))}
              ${figure(view.t('report.classes'), formatFigure(language, privacy.classes))}
              ${figure(view.t('report.k'), formatFigure(language, privacy.k))}
              ${figure(view.t('report.suppressed'), `${formatFigure(language, privacy.suppressed)} (${formatPercent(language, privacy.suppressedShare)})`)}
            </div>
            ${modelsTable(view, report)}
            <h3>${view.t('report.risk')}</h3>
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col"></th>
                    <th scope="col" class="number">${view.t('report.highest')}</th>
                    <th scope="col" class="number">${view.t('report.average')}</th>
                    <th scope="col" class="number">${view.t('report.atRisk')}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">${view.t('report.prosecutor')}</th>
                    <td class="number">
                      ${formatFigure(language, privacy.risk.prosecutor.highest)}
                    </td>
                    <td class="number">
                      ${formatFigure(language, privacy.risk.prosecutor.average)}
                    </td>
                    <td class="number">
                      ${formatPercent(language, privacy.risk.prosecutor.recordsAtRisk)}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">${view.t('report.journalist')}</th>
                    <td class="number">
                      ${formatFigure(language, privacy.risk.journalist.highest)}
                    </td>
                    <td class="number">
                      ${formatFigure(language, privacy.risk.journalist.average)}
                    </td>
                    <td class="number">
                      ${formatPercent(language, privacy.risk.journalist.recordsAtRisk)}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">${view.t('report.marketer')}</th>
                    <td class="number">—</td>
                    <td class="number">${formatFigure(language, privacy.risk.marketer)}</td>
                    <td class="number">—</td>
                  </tr>
                </tbody>
              </table>
            </div>
            <p>
              ${view.t('report.sampleUniques')}:
              ${formatPercent(language, privacy.risk.sampleUniques)}
            </p>
            <h3>${view.t('report.histogram')}</h3>
            ${classSizeChart(view, privacy.classSizeHistogram, requiredK(report))}
            <h3>${view.t('report.riskChart')}</h3>
            ${trustedHtml(
              renderBarChart(
                privacy.riskDistribution.map((bin) => ({
                  label: `${formatFigure(language, bin.from, 3)}–${formatFigure(language, bin.to, 3)}`,
                  value: bin.records,
                  note: formatPercent(language, bin.share),
                })),
                {
                  title: view.t('report.riskChart'),
                  highlight: (_bar, index) =>
                    (privacy.riskDistribution[index]?.from ?? 0) >= privacy.risk.threshold,
                },
              ),
            )}
          </section>`
        : ''
    }
    <section aria-labelledby="detection-title">
      <h2 id="detection-title">${view.t('report.detection')}</h2>
      ${detectionTable(view, report)}
    </section>
    <section aria-labelledby="transforms-title">
      <h2 id="transforms-title">${view.t('report.transforms')}</h2>
      ${transformsTable(view, report)}
    </section>
    ${
      report.utility
        ? html`<section aria-labelledby="utility-title">
            <h2 id="utility-title">${view.t('report.utility')}</h2>
            ${report.utility.hierarchy ? html`<p>${view.t('report.loss')}: <strong>${formatFigure(language, report.utility.hierarchy.loss)}</strong></p>` : ''}
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${view.t('report.column')}</th>
                    <th scope="col" class="number">${view.t('report.marginal')}</th>
                    <th scope="col" class="number">${view.t('report.numericDistance')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${report.utility.columns.map(
                    (column) =>
                      html`<tr>
                        <th scope="row"><code>${column.name}</code></th>
                        <td class="number">${formatFigure(language, column.marginalDistance)}</td>
                        <td class="number" data-numeric-distance="${column.name}">
                          ${numericDistanceOf(report, column.name, language)}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </section>`
        : ''
    }
    <section aria-labelledby="hashes-title">
      <h2 id="hashes-title">${view.t('report.hashes')}</h2>
      <dl class="facts">
        <dt>${view.t('report.inputHash')}</dt>
        <dd><code>${report.input.sha256}</code></dd>
        <dt>${view.t('report.policyHash')}</dt>
        <dd>
          <code>${report.policy.sha256}</code> (${report.policy.name} v${report.policy.version})
        </dd>
        <dt>${view.t('report.outputHash')}</dt>
        <dd><code>${report.output?.sha256 ?? '—'}</code></dd>
      </dl>
    </section>`;
}
