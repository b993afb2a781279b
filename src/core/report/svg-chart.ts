// Inline SVG bar charts for the report: no scripts, no external assets, readable without colour.
import { escapeHtml } from '../escape-html.js';

export interface ChartBar {
  readonly label: string;
  readonly value: number;
  /** Text printed after the bar; the value itself by default. */
  readonly note?: string;
}

export interface BarChartOptions {
  /** Accessible name of the chart (read by screen readers). */
  readonly title: string;
  readonly width?: number;
  /** Bar fill; a second, darker shade marks `highlight` bars. */
  readonly color?: string;
  readonly highlight?: (bar: ChartBar, index: number) => boolean;
}

const ROW_HEIGHT = 22;
const LABEL_WIDTH = 150;
const NOTE_WIDTH = 90;
const MAX_LABEL_CHARS = 22;

/**
 * A horizontal bar chart: one row per bar, label left, bar scaled to the largest value, note right.
 *
 * ```
 *  label A  ██████████████  40 %
 *  label B  ████             9 %
 * ```
 */
export function renderBarChart(bars: readonly ChartBar[], options: BarChartOptions): string {
  const width = options.width ?? 520;
  const plotWidth = Math.max(40, width - LABEL_WIDTH - NOTE_WIDTH);
  const height = Math.max(1, bars.length) * ROW_HEIGHT + 8;
  const max = bars.reduce((m, bar) => Math.max(m, bar.value), 0);
  const color = options.color ?? '#3b6ea5';
  const rows = bars.map((bar, index) => {
    const y = 4 + index * ROW_HEIGHT;
    const barWidth = max <= 0 ? 0 : Math.max(bar.value > 0 ? 1 : 0, (bar.value / max) * plotWidth);
    const fill = options.highlight?.(bar, index) ? '#b23b3b' : color;
    const label =
      bar.label.length > MAX_LABEL_CHARS
        ? `${bar.label.slice(0, MAX_LABEL_CHARS - 1)}…`
        : bar.label;
    return (
      `<g><title>${escapeHtml(`${bar.label}: ${bar.note ?? String(bar.value)}`)}</title>` +
      `<text x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end" font-size="12">${escapeHtml(label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${barWidth.toFixed(1)}" height="${ROW_HEIGHT - 6}" fill="${fill}"/>` +
      `<text x="${(LABEL_WIDTH + barWidth + 4).toFixed(1)}" y="${y + 15}" font-size="12">${escapeHtml(bar.note ?? String(bar.value))}</text></g>`
    );
  });
  const empty = bars.length === 0 ? `<text x="${LABEL_WIDTH}" y="18" font-size="12">—</text>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(options.title)}" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">` +
    `<title>${escapeHtml(options.title)}</title>${rows.join('')}${empty}</svg>`
  );
}
