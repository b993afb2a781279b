// Providers: their datasets with Art. 10 metadata, uploads (a small script streams the file), the
// per-column profile with identifier findings and masked examples, and running a policy.
import type { FieldIssue } from '../../core/errors.js';
import { NAME_MAX_LENGTH } from '../../core/names.js';
import {
  DATA_FORMATS,
  SECURITY_GRADES,
  SHARING_METHODS,
  SHARING_TYPES,
  UPDATE_FREQUENCIES,
} from '../../services/datasets/catalog-metadata.js';
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
import type { Services } from '../../services/index.js';
import { formatFigure, formatPercent, formatTime, shortHash } from '../format.js';
import { checkboxGroup, selectField, textArea, textField } from '../form-fields.js';
import { FormErrors, type FieldMap } from '../field-errors.js';
import { policyRunSections, type PolicyRun } from '../policy-editor.js';
import { columnTypeLabel, identifierKindLabel } from '../vocabulary.js';
import { html, type SafeHtml } from '../html.js';
import { vocabularyKey, type MessageKey } from '../i18n/index.js';
import { csrfField, withDone } from '../layout.js';
import type { SignedInView } from '../view.js';

/** `column: description [unit]` lines → the data dictionary; blank lines are skipped. */
export function parseAttributeLines(text: string): { column: string; description: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const separator = line.search(/[:：]/);
      return separator < 0
        ? { column: line, description: line }
        : {
            column: line.slice(0, separator).trim(),
            description: line.slice(separator + 1).trim(),
          };
    });
}

function metadataFromForm(form: FormFields): Record<string, unknown> {
  const optional = (name: string) => formText(form, name) || undefined;
  return {
    classification: {
      subjectCategory: formText(form, 'subjectCategory'),
      securityGrade: formText(form, 'securityGrade'),
    },
    format: formText(form, 'format'),
    attributes: parseAttributeLines(formText(form, 'attributes')),
    updateFrequency: formText(form, 'updateFrequency'),
    sharingType: formText(form, 'sharingType'),
    openType: formText(form, 'openType'),
    sharingMethod: formList(form, 'sharingMethod'),
    usageRequirements: formText(form, 'usageRequirements'),
    legalBasis: optional('legalBasis'),
    dataSource: formText(form, 'dataSource'),
    purpose: optional('purpose'),
  };
}

/** The registration form's fields, as the dataset service names them. */
function datasetFields(view: SignedInView): FieldMap {
  const field = (name: string, label: MessageKey) => ({ name, label: view.t(label) });
  return {
    name: field('name', 'datasets.name'),
    'classification.subjectCategory': field('subjectCategory', 'datasets.subjectCategory'),
    'classification.securityGrade': field('securityGrade', 'datasets.securityGrade'),
    format: field('format', 'datasets.format'),
    attributes: field('attributes', 'datasets.attributes'),
    updateFrequency: field('updateFrequency', 'datasets.updateFrequency'),
    sharingType: field('sharingType', 'datasets.sharingType'),
    openType: field('openType', 'datasets.openType'),
    sharingMethod: field('sharingMethod', 'datasets.sharingMethod'),
    usageRequirements: field('usageRequirements', 'datasets.usageRequirements'),
    legalBasis: field('legalBasis', 'datasets.legalBasis'),
    dataSource: field('dataSource', 'datasets.dataSource'),
    purpose: field('purpose', 'datasets.purpose'),
  };
}

function newDatasetForm(
  view: SignedInView,
  form: FormFields,
  issues: readonly FieldIssue[],
): SafeHtml {
  const errors = new FormErrors(view, issues, datasetFields(view));
  const options = (values: readonly string[], prefix?: string) =>
    values.map((value) => ({
      value,
      label: prefix ? view.t(vocabularyKey(prefix, value)) : value,
    }));
  const upTo = (max: number) => view.t('hint.charRange', { min: 1, max });
  return html`<section aria-labelledby="new-dataset">
    <h2 id="new-dataset">${view.t('datasets.new')}</h2>
    ${errors.summary()}
    <form method="post" action="/console/datasets" class="stacked-form">
      ${csrfField(view)}
      ${textField({ name: 'name', label: view.t('datasets.name'), required: true, maxLength: NAME_MAX_LENGTH, hint: upTo(NAME_MAX_LENGTH), value: formText(form, 'name'), errors: errors.of('name') })}
      ${textField({ name: 'subjectCategory', label: view.t('datasets.subjectCategory'), required: true, maxLength: 200, value: formText(form, 'subjectCategory'), errors: errors.of('subjectCategory') })}
      ${selectField({ name: 'securityGrade', label: view.t('datasets.securityGrade'), options: options(SECURITY_GRADES, 'datasets.grade'), selected: formText(form, 'securityGrade') || 'general', errors: errors.of('securityGrade') })}
      ${selectField({ name: 'format', label: view.t('datasets.format'), options: options(DATA_FORMATS, 'datasets.formatName'), selected: formText(form, 'format') || 'csv', errors: errors.of('format') })}
      ${textArea({ name: 'attributes', label: view.t('datasets.attributes'), required: true, value: formText(form, 'attributes'), rows: 6, errors: errors.of('attributes') })}
      ${selectField({ name: 'updateFrequency', label: view.t('datasets.updateFrequency'), options: options(UPDATE_FREQUENCIES, 'frequency'), selected: formText(form, 'updateFrequency') || 'monthly', errors: errors.of('updateFrequency') })}
      ${selectField({ name: 'sharingType', label: view.t('datasets.sharingType'), options: options(SHARING_TYPES, 'datasets.sharing'), selected: formText(form, 'sharingType') || 'unconditional', errors: errors.of('sharingType') })}
      ${selectField({ name: 'openType', label: view.t('datasets.openType'), options: options(SHARING_TYPES, 'datasets.sharing'), selected: formText(form, 'openType') || 'unconditional', errors: errors.of('openType') })}
      ${checkboxGroup({ name: 'sharingMethod', label: view.t('datasets.sharingMethod'), options: options(SHARING_METHODS, 'datasets.method'), checked: formList(form, 'sharingMethod').length > 0 ? formList(form, 'sharingMethod') : ['download'], errors: errors.of('sharingMethod') })}
      ${textArea({ name: 'usageRequirements', label: view.t('datasets.usageRequirements'), required: true, maxLength: 4000, value: formText(form, 'usageRequirements'), errors: errors.of('usageRequirements') })}
      ${textArea({ name: 'legalBasis', label: view.t('datasets.legalBasis'), maxLength: 2000, value: formText(form, 'legalBasis'), errors: errors.of('legalBasis') })}
      ${textArea({ name: 'dataSource', label: view.t('datasets.dataSource'), required: true, maxLength: 4000, value: formText(form, 'dataSource'), errors: errors.of('dataSource') })}
      ${textArea({ name: 'purpose', label: view.t('datasets.purpose'), maxLength: 2000, value: formText(form, 'purpose'), errors: errors.of('purpose') })}
      <button type="submit">${view.t('datasets.create')}</button>
    </form>
  </section>`;
}

/** A provider's dataset: profile, upload, the policy run (with what a refused run named), jobs. */
async function datasetPage(
  view: SignedInView,
  services: Services,
  datasetId: string,
  run: PolicyRun,
  edit?: string,
): Promise<PageResult> {
  const { context } = view.session;
  const dataset = await services.datasets.getDataset(context, datasetId);
  const [revisions, jobs, fits] = await Promise.all([
    services.datasets.listRevisions(context, dataset.id),
    services.jobs.listJobs(context, { datasetId: dataset.id }),
    services.jobs.policyFits(context, dataset.id),
  ]);
  // The editor starts from the policy asked for, else the best fit, else the first shipped one.
  const start = (edit && fits.some((fit) => fit.name === edit) ? edit : fits[0]?.name) ?? '';
  const startingYaml = start ? await services.jobs.shippedPolicyYaml(context, start) : '';
  const latest = revisions.filter((revision) => revision.kind === 'upload').at(-1);
  const profile = latest?.profile;
  return page(
    dataset.name,
    html`<dl class="facts">
        <dt>${view.t('datasets.sharingType')}</dt>
        <dd>${view.t(vocabularyKey('datasets.sharing', dataset.metadata.sharingType))}</dd>
        <dt>${view.t('datasets.securityGrade')}</dt>
        <dd>
          ${view.t(vocabularyKey('datasets.grade', dataset.metadata.classification.securityGrade))}
        </dd>
        <dt>${view.t('datasets.subjectCategory')}</dt>
        <dd>${dataset.metadata.classification.subjectCategory}</dd>
        <dt>${view.t('datasets.latestRevision')}</dt>
        <dd data-latest-revision>${dataset.latestRevision}</dd>
      </dl>
      <section
        aria-labelledby="upload-title"
        data-upload-panel
        data-dataset-id="${dataset.id}"
        data-csrf="${view.session.csrfToken}"
      >
        <h2 id="upload-title">${view.t('datasets.upload')}</h2>
        <p class="hint">${view.t('datasets.uploadHint')}</p>
        <form class="stacked-form narrow" data-upload-form>
          <label for="upload-file">${view.t('datasets.file')}</label
          ><input
            id="upload-file"
            type="file"
            name="file"
            required
            accept=".csv,.jsonl,.json,.arrow,text/csv"
          />
          <progress
            max="100"
            value="0"
            hidden
            data-upload-progress
            aria-label="${view.t('datasets.uploading')}"
          ></progress>
          <button type="submit">${view.t('datasets.uploadButton')}</button>
        </form>
        <div role="status" aria-live="polite" data-upload-status></div>
      </section>
      ${
        profile
          ? html`<section aria-labelledby="profile-title">
                <h2 id="profile-title">${view.t('datasets.profile')}</h2>
                <p>
                  ${view.t('datasets.rows')}: ${formatFigure(view.language, profile.rows)} ·
                  ${profile.encoding} · SHA-256
                  <code title="${latest.rawSha256}">${shortHash(latest.rawSha256)}</code> ·
                  ${formatTime(view.language, latest.createdAtMs)}
                </p>
                <div class="table-scroll">
                  <table data-profile>
                    <thead>
                      <tr>
                        <th scope="col">${view.t('report.column')}</th>
                        <th scope="col">${view.t('datasets.type')}</th>
                        <th scope="col" class="number">${view.t('datasets.nulls')}</th>
                        <th scope="col" class="number">${view.t('datasets.distinct')}</th>
                        <th scope="col">${view.t('report.findings')}</th>
                        <th scope="col">${view.t('datasets.examples')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${profile.columns.map(
                        (
                          column,
                        ) => html`<tr${column.direct_identifier ? html` data-direct-identifier` : ''}><th scope="row"><code>${column.name}</code></th><td>${columnTypeLabel(view, column.type)}</td>
<td class="number">${formatFigure(view.language, column.nulls)}</td><td class="number">${formatFigure(view.language, column.distinct)}</td>
<td>${column.direct_identifier ? html`<span class="badge badge-warn">${view.t('datasets.directIdentifier')}</span> ` : ''}${column.findings.map((finding) => html`<span class="badge" data-finding="${finding.kind}">${identifierKindLabel(view, finding.kind)}</span> ${formatPercent(view.language, finding.match_rate)} `)}</td>
<td><code>${column.examples.join(' · ')}</code></td></tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
              </section>
              ${policyRunSections(view, dataset.id, fits, run, startingYaml)}`
          : ''
      }
      ${
        jobs.length > 0
          ? html`<section aria-labelledby="jobs-title">
              <h2 id="jobs-title">${view.t('datasets.jobs')}</h2>
              <div class="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">ID</th>
                      <th scope="col">${view.t('datasets.policy')}</th>
                      <th scope="col">${view.t('review.revision')}</th>
                      <th scope="col">${view.t('common.status')}</th>
                      <th scope="col">${view.t('common.created')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${jobs.map(
                      (job) =>
                        html`<tr>
                          <td><a href="/console/jobs/${job.id}">${job.id}</a></td>
                          <td>${job.policyName}</td>
                          <td>${job.datasetRevision}</td>
                          <td>${view.t(vocabularyKey('job.state', job.state))}</td>
                          <td>${formatTime(view.language, job.createdAtMs)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
            </section>`
          : ''
      }`,
    { scripts: ['upload.js', 'policy-editor.js'] },
  );
}

export const datasetPages: readonly ConsoleRoute[] = [
  {
    method: 'get',
    path: '/datasets',
    access: 'session',
    handle: async ({ view, services }) => {
      const datasets = await services.datasets.listDatasets(view.session.context);
      return page(
        view.t('datasets.title'),
        html`${
          datasets.length === 0
            ? html`<p>${view.t('datasets.none')}</p>`
            : html`<ul class="cards" data-datasets>
                ${datasets.map(
                  (dataset) =>
                    html`<li class="card">
                      <h3><a href="/console/datasets/${dataset.id}">${dataset.name}</a></h3>
                      <p class="muted">
                        ${view.t(vocabularyKey('datasets.sharing', dataset.metadata.sharingType))} ·
                        ${view.t(vocabularyKey('datasets.grade', dataset.metadata.classification.securityGrade))}
                        · ${view.t('datasets.latestRevision')} ${dataset.latestRevision}
                      </p>
                    </li>`,
                )}
              </ul>`
        }
        ${newDatasetForm(view, {}, [])}`,
      );
    },
  },
  {
    method: 'post',
    path: '/datasets',
    access: 'session',
    handle: async ({ view, services, form }) => {
      return submitForm(
        async () => {
          const dataset = await services.datasets.createDataset(view.session.context, {
            name: formText(form, 'name'),
            metadata: metadataFromForm(form),
          });
          return redirect(withDone(`/console/datasets/${dataset.id}`, 'datasetCreated'));
        },
        (issues) => page(view.t('datasets.title'), newDatasetForm(view, form, issues)),
      );
    },
  },
  {
    method: 'get',
    path: '/datasets/:datasetId',
    access: 'session',
    handle: async ({ req, view, services }) =>
      datasetPage(
        view,
        services,
        String(req.params.datasetId),
        { issues: [] },
        typeof req.query.edit === 'string' ? req.query.edit : undefined,
      ),
  },
  {
    method: 'post',
    path: '/datasets/:datasetId/upload',
    access: 'session',
    handle: async ({ req, view, services }) => {
      const filename = String(req.get('x-filename') ?? 'upload');
      const extension = filename.toLowerCase().split('.').at(-1) ?? '';
      const format =
        extension === 'jsonl' || extension === 'json'
          ? 'jsonl'
          : extension === 'arrow'
            ? 'arrow'
            : 'csv';
      const declared = Number(req.get('content-length'));
      const revision = await services.datasets.uploadRevision(
        view.session.context,
        String(req.params.datasetId),
        {
          content: req,
          format,
          filename: decodeURIComponent(filename).slice(0, 200),
          declaredSizeBytes: Number.isFinite(declared) ? declared : undefined,
        },
      );
      return {
        kind: 'raw',
        status: 201,
        contentType: 'application/json',
        body: JSON.stringify({ revision: revision.revision }),
      };
    },
  },
  {
    method: 'post',
    path: '/datasets/:datasetId/jobs',
    access: 'session',
    handle: async ({ req, view, services, form }) => {
      const datasetId = String(req.params.datasetId);
      const policy = formText(form, 'policy');
      // The editor's text as typed (not trimmed: line numbers must match what the person sees).
      const yaml = typeof form.yaml === 'string' ? form.yaml.replace(/\r\n/g, '\n') : undefined;
      return submitForm(
        async () => {
          const job = await services.jobs.createJob(view.session.context, {
            datasetId,
            policy: yaml !== undefined ? { yaml } : { name: policy },
          });
          return redirect(withDone(`/console/jobs/${job.id}`, 'jobStarted'));
        },
        (issues) =>
          datasetPage(
            view,
            services,
            datasetId,
            yaml !== undefined ? { yaml, issues } : { policy, issues },
          ),
      );
    },
  },
];
