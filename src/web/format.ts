// Display formats of console pages: times in Asia/Shanghai, money in yuan from integer fen, figures.
import type { Language } from './i18n/index.js';

const locale = (language: Language): string => (language === 'zh' ? 'zh-CN' : 'en-GB');

/** e.g. `2026年1月5日 17:00` / `5 Jan 2026, 17:00` (the exchange's time zone, whatever the viewer's). */
export function formatTime(language: Language, ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(ms);
}

/** Prices are integer fen (1/100 CNY); 0 is free open data. */
export function formatPrice(language: Language, fen: number): string {
  if (fen === 0) return language === 'zh' ? '免费' : 'Free';
  return new Intl.NumberFormat(locale(language), { style: 'currency', currency: 'CNY' }).format(
    fen / 100,
  );
}

/** A figure with at most `digits` decimals; integers stay integers. */
export function formatFigure(
  language: Language,
  value: number | null | undefined,
  digits = 4,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return '∞';
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(language: Language, share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(locale(language), {
    style: 'percent',
    maximumFractionDigits: 2,
  }).format(share);
}

/** Long hex or base64 digests shortened for tables; the full value stays in the title attribute. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 12)}…` : hash;
}
