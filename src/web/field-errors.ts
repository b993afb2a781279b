// What the service refused, said in the page's language next to the form field it concerns:
// never an internal field path (`checklist.identifiersChecked`, `$.where[0].value`) nor the
// service's English sentence in a Chinese page.
import type { FieldIssue } from '../core/errors.js';
import { errorNotice } from './error-notice.js';
import { html, type SafeHtml } from './html.js';
import { vocabularyKey, type MessageKey } from './i18n/index.js';
import { MESSAGES } from './i18n/messages.js';
import type { ConsoleView } from './view.js';

/** A field of a console form: its `name` attribute and its visible label. */
export interface FormFieldRef {
  readonly name: string;
  readonly label: string;
}

/** Service field paths, as the service names them (`classification.subjectCategory`), to form fields. */
export type FieldMap = Readonly<Record<string, FormFieldRef>>;

/** `body.$.where[0].value` → `where.0.value`: one spelling for the API's, zod's and the query's paths. */
export function normalizeFieldPath(field: string): string {
  return field
    .replace(/^(body|query|params)\./, '')
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

const hasMessage = (key: string): key is MessageKey => key in MESSAGES;

/** The issue in the page's language; an issue without a known code says the service's reason in English only. */
export function issueMessage(view: ConsoleView, issue: FieldIssue): string {
  const params = issue.params ?? {};
  if (issue.code === 'wrong_type') {
    const type = String(params.type ?? '');
    const typeKey = `columnType.${type}`;
    return view.t('issue.wrong_type', {
      type: hasMessage(typeKey) ? view.t(typeKey) : type,
    });
  }
  if (issue.code && issue.code !== 'invalid') {
    const key = vocabularyKey('issue', issue.code);
    if (hasMessage(key)) return view.t(key, params);
  }
  return view.language === 'en' ? issue.reason : view.t('issue.invalid');
}

/** The form field an issue concerns: its path, or the nearest enclosing path the form names. */
function fieldOf(issue: FieldIssue, fields: FieldMap): FormFieldRef | undefined {
  const normalized = Object.fromEntries(
    Object.entries(fields).map(([path, field]) => [normalizeFieldPath(path), field]),
  );
  let path = normalizeFieldPath(issue.field);
  for (;;) {
    if (normalized[path]) return normalized[path];
    const cut = path.lastIndexOf('.');
    if (cut < 0) return undefined;
    path = path.slice(0, cut);
  }
}

/** The issues of one submission, grouped by the form field each concerns. */
export class FormErrors {
  private readonly byName = new Map<string, string[]>();
  private readonly problems: { label?: string; message: string }[] = [];

  constructor(
    private readonly view: ConsoleView,
    issues: readonly FieldIssue[],
    fields: FieldMap = {},
  ) {
    for (const issue of issues) {
      const field = fieldOf(issue, fields);
      const message = issueMessage(view, issue);
      if (field) {
        const messages = this.byName.get(field.name) ?? [];
        if (!messages.includes(message)) messages.push(message);
        this.byName.set(field.name, messages);
      }
      if (!this.problems.some((line) => line.label === field?.label && line.message === message))
        this.problems.push({ label: field?.label, message });
    }
  }

  static none(view: ConsoleView): FormErrors {
    return new FormErrors(view, []);
  }

  get any(): boolean {
    return this.problems.length > 0;
  }

  /** The messages shown under the field named `name`. */
  of(name: string): readonly string[] {
    return this.byName.get(name) ?? [];
  }

  /** One line per problem, by the field's label. */
  lines(): SafeHtml[] {
    return this.problems.map((line) =>
      line.label
        ? html`<strong>${line.label}</strong
            >${this.view.language === 'zh' ? '：' : ': '}${line.message}`
        : html`${line.message}`,
    );
  }

  /** An alert above the form listing every problem by the field's label. */
  summary(): SafeHtml {
    if (!this.any) return html``;
    return errorNotice({ detail: this.view.t('issue.summary'), lines: this.lines() });
  }
}
