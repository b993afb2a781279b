// A service's refusal said in the page's language (the problem's English detail is for the API).
import type { ProblemDocument } from '../edge/problem.js';
import type { MessageKey } from './i18n/index.js';
import { MESSAGES } from './i18n/messages.js';
import type { ConsoleView } from './view.js';

/** The refusal in the page's language: a message per problem code, else one per status. */
export function problemMessage(view: ConsoleView, problem: ProblemDocument): string {
  if (problem.status === 404) return view.t('error.notFound');
  if (problem.status === 403 && problem.code === 'forbidden') return view.t('error.forbidden');
  const key = `problem.${problem.code}`;
  if (key in MESSAGES) return view.t(key as MessageKey);
  return view.language === 'en' ? problem.detail : view.t('problem.generic');
}
