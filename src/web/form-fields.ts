// Labelled form controls, so every field of every console form has a label (WCAG 1.3.1, 4.1.2).
import { html, type SafeHtml } from './html.js';

interface FieldBase {
  readonly name: string;
  readonly label: string;
  /** Defaults to `field-<name>`. */
  readonly id?: string;
  readonly required?: boolean;
  readonly hint?: string;
}

const idOf = (field: FieldBase): string => field.id ?? `field-${field.name}`;

function hintOf(field: FieldBase): SafeHtml {
  return field.hint ? html`<p id="${idOf(field)}-hint" class="hint">${field.hint}</p>` : html``;
}

const describedBy = (field: FieldBase) =>
  field.hint ? html` aria-describedby="${idOf(field)}-hint"` : '';
const requiredAttribute = (field: FieldBase) => (field.required ? html` required` : '');

export function textField(
  field: FieldBase & {
    readonly value?: string;
    readonly type?: 'text' | 'number' | 'search';
    readonly min?: number;
    readonly step?: string;
  },
): SafeHtml {
  return html`<label for="${idOf(field)}">${field.label}</label>
    <input
      id="${idOf(field)}"
      name="${field.name}"
      type="${field.type ?? 'text'}"
      value="${field.value ?? ''}"
      ${field.min !== undefined ? html` min="${field.min}"` : ''}${field.step ? html` step="${field.step}"` : ''}${requiredAttribute(field)}${describedBy(field)}
    />
    ${hintOf(field)}`;
}

export function textArea(
  field: FieldBase & { readonly value?: string; readonly rows?: number },
): SafeHtml {
  return html`<label for="${idOf(field)}">${field.label}</label>
    <textarea
      id="${idOf(field)}"
      name="${field.name}"
      rows="${field.rows ?? 4}"
      ${requiredAttribute(field)}${describedBy(field)}
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
  return html`<fieldset>
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
