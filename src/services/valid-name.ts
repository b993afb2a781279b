// Names a service accepts from any caller (the HTTP API, the console, the CLI), checked once by
// core/names.ts: a refused name is validation_failed naming the field.
import { nameProblem } from '../core/names.js';
import { validationFailed } from './errors.js';

/** `raw` trimmed, or `validation_failed` naming `field` and why it cannot be a name. */
export function validName(field: string, raw: string, maxLength?: number): string {
  const name = raw.trim();
  const problem = nameProblem(name, maxLength);
  if (problem !== undefined)
    throw validationFailed(`invalid ${field}`, [{ field, reason: problem }]);
  return name;
}
