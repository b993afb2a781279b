// Labelled form controls, so every field of every console form has a label (WCAG 1.3.1, 4.1.2).
import { html, type SafeHtml } from './html.js';

interface FieldBase {
  readonly name: string;
  readonly label: string;
  /** Defaults to `field-<name>`. */
  readonly id?: string;
  readonly required?: boolean;
  readonly hint?: string;
  /** Problems with what was submitted, in the page's language (see field-errors.ts). */
  readonly errors?: readonly string[];
}

const idOf = (field: FieldBase): string => field.id ?? `field-${field.name}`;

const hasErrors = (field: FieldBase): boolean => (field.errors ?? []).length > 0;

/** The hint (limits said before submission) and, after a refused submission, what was wrong. */
function hintOf(field: FieldBase): SafeHtml {
  return html`${field.hint ? html`<p id="${idOf(field)}-hint" class="hint">${field.hint}</p>` : ''}${
    hasErrors(field)
      ? html`<p id="${idOf(field)}-error" class="field-error" data-field-error="${field.name}">
          ${(field.errors ?? []).join(' ')}
        </p>`
      : ''
  }`;
}

/** `aria-invalid` belongs on a control, not on a group (a fieldset only points at its messages). */
function describedBy(field: FieldBase, control = true): SafeHtml | '' {
  const ids = [
    ...(field.hint ? [`${idOf(field)}-hint`] : []),
    ...(hasErrors(field) ? [`${idOf(field)}-error`] : []),
  ];
  if (ids.length === 0) return '';
  return html` aria-describedby="${ids.join(' ')}"${control && hasErrors(field) ? html` aria-invalid="true"` : ''}`;
}
const requiredAttribute = (field: FieldBase) => (field.required ? html` required` : '');

/** Length limits the browser enforces and a person sees before submitting. */
interface LengthLimits {
  readonly minLength?: number;
  readonly maxLength?: number;
}
const lengthAttributes = (field: LengthLimits): SafeHtml =>
  html`${field.minLength !== undefined ? html` minlength="${field.minLength}"` : ''}${field.maxLength !== undefined ? html` maxlength="${field.maxLength}"` : ''}`;

export function textField(
  field: FieldBase &
    LengthLimits & {
      readonly value?: string;
      readonly type?: 'text' | 'number' | 'search';
      readonly min?: number;
      readonly max?: number;
      readonly step?: string;
    },
): SafeHtml {
  return html`<label for="${idOf(field)}">${field.label}</label>
    <input
      id="${idOf(field)}"
      name="${field.name}"
      type="${field.type ?? 'text'}"
      value="${field.value ?? ''}"
      ${field.min !== undefined ? html` min="${field.min}"` : ''}${field.max !== undefined ? html` max="${field.max}"` : ''}${field.step ? html` step="${field.step}"` : ''}${requiredAttribute(field)}${lengthAttributes(field)}${describedBy(field)}
    />
    ${hintOf(field)}`;
}

export function textArea(
  field: FieldBase & LengthLimits & { readonly value?: string; readonly rows?: number },
): SafeHtml {
  return html`<label for="${idOf(field)}">${field.label}</label>
    <textarea
      id="${idOf(field)}"
      name="${field.name}"
      rows="${field.rows ?? 4}"
      ${requiredAttribute(field)}${lengthAttributes(field)}${describedBy(field)}
    >
${field.value ?? ''}</textarea>
    ${hintOf(field)}`;
}

export function selectField(
  field: FieldBase & {
    readonly options: readonly { value: string; label: string }[];
    readonly selected?: string;
  },
): SafeHtml {
  return html`<label for="${idOf(field)}">${field.label}</label>
    <select
      id="${idOf(field)}"
      name="${field.name}"
      ${requiredAttribute(field)}${describedBy(field)}
    >
      ${field.options.map(
        (option) =>
          html`<option
            value="${option.value}"
            ${option.value === field.selected ? html` selected` : ''}
          >
            ${option.label}
          </option>`,
      )}
    </select>
    ${hintOf(field)}`;
}

export function checkboxGroup(
  field: FieldBase & {
    readonly options: readonly { value: string; label: string }[];
    readonly checked?: readonly string[];
  },
): SafeHtml {
  return html`<fieldset${describedBy(field, false)}>
    <legend>${field.label}</legend>
    ${field.options.map(
      (option) =>
        html`<label class="check"
          ><input
            type="checkbox"
            name="${field.name}"
            value="${option.value}"
            ${field.checked?.includes(option.value) ? html` checked` : ''}
          />
          ${option.label}</label
        >`,
    )}${hintOf(field)}
  </fieldset>`;
}
