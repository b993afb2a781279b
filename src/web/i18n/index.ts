// Translation lookup for console pages: `t('nav.catalog')` in the page's language.
import { MESSAGES, type MessageKey } from './messages.js';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type { MessageKey } from './messages.js';

export type Translate = (
  key: MessageKey,
  params?: Readonly<Record<string, string | number>>,
) => string;

/** Chinese is the default: the regulation's language and the exchange's users'. */
export function toLanguage(value: unknown): Language {
  return value === 'en' ? 'en' : 'zh';
}

/**
 * The key of a message named by a vocabulary value (a state, a purpose code, a sharing type):
 * `vocabularyKey('purpose', 'statistics')` → `purpose.statistics`. A value without a message
 * shows as its key rather than failing the page.
 */
export function vocabularyKey(prefix: string, value: string): MessageKey {
  return `${prefix}.${value}` as MessageKey;
}

/** `{name}` placeholders are replaced by `params.name`. */
export function translator(language: Language): Translate {
  return (key, params = {}) =>
    (MESSAGES[key]?.[language] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
}
