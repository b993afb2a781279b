// The domain's vocabulary (states, roles, kinds, phases, frequencies, models…) in the page's
// language: a console page never shows an enum value where a person reads a word. A value the
// console has no word for shows as itself rather than failing the page.
import { KIND_LABELS, type IdentifierKind } from '../core/detect/kinds.js';
import { CONTEXT_NAMES } from '../core/report/report-labels.js';
import { formatTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { vocabularyKey, type MessageKey } from './i18n/index.js';
import { MESSAGES } from './i18n/messages.js';
import type { ConsoleView } from './view.js';

const known = (key: string): key is MessageKey => key in MESSAGES;

/** The word for `value` in the vocabulary `prefix` (`frequency`, `columnType`…), else the value. */
export function wordFor(view: ConsoleView, prefix: string, value: string): string {
  const key = vocabularyKey(prefix, value);
  return known(key) ? view.t(key) : value;
}

export const frequencyLabel = (view: ConsoleView, value: string) =>
  wordFor(view, 'frequency', value);
export const columnTypeLabel = (view: ConsoleView, value: string) =>
  wordFor(view, 'columnType', value);
/** A policy column role (identifier, quasi, sensitive, insensitive, text). */
export const columnRoleLabel = (view: ConsoleView, value: string) =>
  wordFor(view, 'columnRole', value);
export const modelLabel = (view: ConsoleView, value: string) => wordFor(view, 'model', value);
export const jobPhaseLabel = (view: ConsoleView, value: string) => wordFor(view, 'jobPhase', value);
export const ledgerKindLabel = (view: ConsoleView, value: string) =>
  wordFor(view, 'ledgerKind', value);
export const transformLabel = (view: ConsoleView, value: string) =>
  wordFor(view, 'transform', value);

/** A detected identifier kind (`cn_mobile` → 手机号), from the detectors' own names. */
export function identifierKindLabel(view: ConsoleView, kind: string): string {
  const label = KIND_LABELS[kind as IdentifierKind] as
    (typeof KIND_LABELS)[IdentifierKind] | undefined;
  return label ? label[view.language] : kind;
}

/** A GB/T 42460 release context (`public-release` → 公开发布 (τ = 1/20)). */
export function releaseContextLabel(view: ConsoleView, context: string): string {
  const names = CONTEXT_NAMES[context];
  return names ? names[view.language === 'zh' ? 0 : 1] : context;
}

/** A usage-log entry: `download csv` → 下载 · CSV, `query` → 查询. */
export function usageLabel(view: ConsoleView, kind: string, format: string | null | undefined) {
  const word = wordFor(view, 'usageKind', kind);
  return format ? `${word} · ${format.toUpperCase()}` : word;
}

function parameterValue(view: ConsoleView, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => parameterValue(view, item)).join('、');
  if (typeof value === 'boolean') return view.t(value ? 'common.yes' : 'common.no');
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${wordFor(view, 'param', key)} ${parameterValue(view, item)}`)
      .join('，');
  const text = String(value);
  if (typeof value === 'string' && KIND_LABELS[text as IdentifierKind])
    return identifierKindLabel(view, text);
  return wordFor(view, 'paramValue', text);
}

/** A transform step as words and named fields: `宽度 10 · 起点 0`, not `{"width":10,"start":0}`. */
export function transformStep(
  view: ConsoleView,
  step: { readonly kind: string; readonly params: Readonly<Record<string, unknown>> },
): SafeHtml {
  const fields = Object.entries(step.params);
  return html`<span data-transform="${step.kind}">${transformLabel(view, step.kind)}</span>${
      fields.length > 0
        ? html` <span class="muted"
            >${fields.map(([name, value], index) => html`${index > 0 ? ' · ' : ''}${wordFor(view, 'param', name)} ${parameterValue(view, value)}`)}</span
          >`
        : ''
    }`;
}

/** A ledger entry's fields as a definition list, each field named in the page's language. */
export function ledgerFields(
  view: ConsoleView,
  entry: Readonly<Record<string, unknown>>,
): SafeHtml {
  return html`<dl class="facts" data-ledger-fields>
    ${Object.entries(entry).map(
      ([name, value]) =>
        html`<dt>${wordFor(view, 'ledgerField', name)}</dt>
          <dd>${ledgerValue(view, name, value)}</dd>`,
    )}
  </dl>`;
}

/** Ledger fields whose values are enum values, and the vocabulary that names them. */
const LEDGER_VALUE_VOCABULARIES: Readonly<Record<string, string>> = {
  purpose: 'purpose',
  reason_code: 'requests.reasonCode',
  state: 'paramValue',
  level: 'paramValue',
};

function ledgerValue(view: ConsoleView, name: string, value: unknown): SafeHtml {
  if (value === null || value === undefined) return html`—`;
  if (name === 'kind' && typeof value === 'string') return html`${ledgerKindLabel(view, value)}`;
  const vocabulary = LEDGER_VALUE_VOCABULARIES[name];
  if (vocabulary && typeof value === 'string') return html`${wordFor(view, vocabulary, value)}`;
  if (name.endsWith('_ms') && typeof value === 'number')
    return html`${formatTime(view.language, value)}`;
  if (typeof value === 'string' && /^[0-9a-f]{64}$/.test(value))
    return html`<code class="hash">${value}</code>`;
  if (Array.isArray(value))
    return html`${value.map((item, index) => html`${index > 0 ? '、' : ''}${typeof item === 'object' && item !== null ? ledgerFields(view, item as Record<string, unknown>) : String(item)}`)}`;
  if (typeof value === 'object') return ledgerFields(view, value as Record<string, unknown>);
  if (typeof value === 'boolean') return html`${view.t(value ? 'common.yes' : 'common.no')}`;
  return html`${wordFor(view, 'paramValue', String(value))}`;
}
