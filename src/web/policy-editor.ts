// The policy a provider runs: a dropdown of the shipped policies that fit the dataset (best fit
// first), and an editor for a policy of their own (pasted, loaded from a file, or started from a
// shipped one) whose problems are listed by the line of the YAML they concern.
import type { FieldIssue } from '../core/errors.js';
import type { PolicyFit } from '../services/jobs/job-service.js';
import { issueMessage } from './field-errors.js';
import { selectField, textArea } from './form-fields.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { SignedInView } from './view.js';

/** One problem of an edited policy, placed on its line when the issue says which. */
export interface PolicyProblem {
  readonly line: number | null;
  /** Where in the document (`columns.age.transform`), when known. */
  readonly path: string | null;
  readonly message: string;
}

/** `uploaded.yaml:12 columns.age.transform` and `policy.columns.age` → a line of `yaml`. */
export function policyProblems(
  view: SignedInView,
  yaml: string,
  issues: readonly FieldIssue[],
): PolicyProblem[] {
  const lines = yaml.split('\n');
  const lineOfColumn = (column: string): number | null => {
    const pattern = new RegExp(`^\\s*${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
    const index = lines.findIndex((line) => pattern.test(line));
    return index < 0 ? null : index + 1;
  };
  return issues
    .map((issue): PolicyProblem => {
      // Every policy problem carries a reason code, said in the page's language.
      const message = issueMessage(view, issue);
      const located = /^[^:\s]+\.ya?ml:(\d+) (.*)$/.exec(issue.field);
      if (located) return { line: Number(located[1]), path: located[2], message };
      const column = /^policy\.columns\.(.+)$/.exec(issue.field)?.[1];
      if (column) return { line: lineOfColumn(column), path: `columns.${column}`, message };
      return { line: null, path: null, message };
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function problemList(view: SignedInView, yaml: string, problems: readonly PolicyProblem[]) {
  if (problems.length === 0) return html``;
  const lines = yaml.split('\n');
  return html`<div class="notice notice-error" role="alert" data-error-notice>
    <p>${view.t('policy.problems')}</p>
    <ol class="policy-problems">
      ${problems.map(
        (problem) =>
          html`<li data-policy-line="${problem.line ?? ''}">
            ${problem.line === null ? view.t('policy.wholePolicy') : view.t('policy.line', { line: problem.line })}${problem.path ? html` <code>${problem.path}</code>` : ''}${view.language === 'zh' ? '：' : ': '}${problem.message}
            ${problem.line !== null && lines[problem.line - 1] !== undefined ? html`<pre class="policy-line">${lines[problem.line - 1]}</pre>` : ''}
          </li>`,
      )}
    </ol>
  </div>`;
}

export interface PolicyRun {
  /** The shipped policy chosen (a redisplay keeps it). */
  readonly policy?: string;
  /** The provider's own policy text. */
  readonly yaml?: string;
  readonly issues: readonly FieldIssue[];
}

/** The run form (fitting shipped policies) and the editor (the provider's own YAML). */
export function policyRunSections(
  view: SignedInView,
  datasetId: string,
  fits: readonly PolicyFit[],
  run: PolicyRun,
  startingYaml: string,
): SafeHtml {
  const fitting = fits.filter((fit) => fit.fits);
  const editing = run.yaml !== undefined;
  const yaml = run.yaml ?? startingYaml;
  return html`<section aria-labelledby="run-title">
      <h2 id="run-title">${view.t('datasets.run')}</h2>
      ${
        fitting.length === 0
          ? html`<p class="hint" data-no-fitting-policy>${view.t('policy.noneFits')}</p>`
          : html`<form
              method="post"
              action="/console/datasets/${datasetId}/jobs"
              class="stacked-form narrow"
            >
              ${csrfField(view)}
              ${!editing && run.issues.length > 0 ? problemList(view, '', policyProblems(view, '', run.issues)) : ''}
              ${selectField({ name: 'policy', label: view.t('datasets.policy'), hint: view.t('policy.fitHint', { shown: fitting.length, total: fits.length }), options: fitting.map((fit) => ({ value: fit.name, label: `policies/${fit.name}.yaml` })), selected: run.policy ?? fitting[0].name })}
              <button type="submit">${view.t('datasets.runButton')}</button>
            </form>`
      }
    </section>
    <section aria-labelledby="policy-editor-title" data-policy-editor>
      <h2 id="policy-editor-title">${view.t('policy.editorTitle')}</h2>
      <p class="hint">${view.t('policy.editorHint')}</p>
      <p class="actions">
        ${fits.map((fit) => html`<a class="button secondary" href="/console/datasets/${datasetId}?edit=${fit.name}#policy-editor-title">${view.t('policy.startFrom', { name: fit.name })}</a> `)}
      </p>
      ${editing ? problemList(view, yaml, policyProblems(view, yaml, run.issues)) : ''}
      <form
        method="post"
        action="/console/datasets/${datasetId}/jobs"
        class="stacked-form"
        data-policy-form
      >
        ${csrfField(view)}
        <label for="policy-file">${view.t('policy.file')}</label>
        <input id="policy-file" type="file" accept=".yaml,.yml,text/yaml" data-policy-file />
        ${textArea({ name: 'yaml', id: 'policy-yaml', label: view.t('policy.yaml'), required: true, rows: 18, maxLength: 200_000, value: yaml })}
        <button type="submit">${view.t('policy.run')}</button>
      </form>
    </section>`;
}
