// A console view without a request, for rendering page parts in tests.
import { translator, type Language } from '../../src/web/i18n/index.js';
import type { ConsoleView } from '../../src/web/view.js';

export const viewIn = (language: Language): ConsoleView => ({
  language,
  t: translator(language),
  path: '/console',
  requestId: 'req_test',
});
