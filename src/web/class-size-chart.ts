// The class-size histogram of the report view: equivalence-class sizes grouped into bins (not one
// bar per size), the number of classes per bin, both axes titled, and the required k drawn as a
// line so a reviewer sees at once whether any class falls below it. Inline SVG: no script.
import type { ClassSizeBin } from '../core/privacy/k-anonymity.js';
import { escapeHtml } from '../core/escape-html.js';
import { trustedHtml, type SafeHtml } from './html.js';
import type { ConsoleView } from './view.js';

/** About this many bins, whatever the spread of sizes. */
const TARGET_BINS = 10;

export interface SizeBin {
  /** Sizes from `from` to `to`, both included. */
  readonly from: number;
  readonly to: number;
  readonly classes: number;
  readonly records: number;
}

/** 1, 2, 5, 10, 20, 50… : the smallest such width giving at most TARGET_BINS bins. */
function binWidth(span: number): number {
  for (let magnitude = 1; ; magnitude *= 10)
    for (const step of [1, 2, 5])
      if (span / (step * magnitude) <= TARGET_BINS) return step * magnitude;
}

/** Groups class sizes into equal-width bins aligned on the width, from the smallest size (or k). */
export function binClassSizes(histogram: readonly ClassSizeBin[], k: number): SizeBin[] {
  if (histogram.length === 0) return [];
  const sizes = histogram.map((bin) => bin.size);
  const low = Math.max(1, Math.min(k, ...sizes));
  const high = Math.max(...sizes);
  const width = binWidth(high - low + 1);
  const first = Math.floor((low - 1) / width) * width + 1;
  const bins: SizeBin[] = [];
  for (let from = first; from <= high; from += width) {
    const to = from + width - 1;
    const inside = histogram.filter((bin) => bin.size >= from && bin.size <= to);
    bins.push({
      from,
      to,
      classes: inside.reduce((sum, bin) => sum + bin.classes, 0),
      records: inside.reduce((sum, bin) => sum + bin.records, 0),
    });
  }
  return bins;
}

const WIDTH = 520;
const HEIGHT = 240;
const LEFT = 48;
const RIGHT = 12;
const TOP = 16;
const BOTTOM = 44;

export function classSizeChart(
  view: ConsoleView,
  histogram: readonly ClassSizeBin[],
  requiredK: number,
): SafeHtml {
  const bins = binClassSizes(histogram, requiredK);
  const title = view.t('report.histogram');
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const maxClasses = Math.max(1, ...bins.map((bin) => bin.classes));
  const first = bins[0]?.from ?? 1;
  const last = bins.at(-1)?.to ?? 1;
  const span = last - first + 1;
  const xOf = (size: number) => LEFT + ((size - first) / span) * plotWidth;
  const yOf = (classes: number) => TOP + plotHeight - (classes / maxClasses) * plotHeight;
  const text = (x: number, y: number, body: string, extra = '') =>
    `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="11"${extra}>${escapeHtml(body)}</text>`;
  const bars = bins.map((bin) => {
    const x = xOf(bin.from);
    const barWidth = Math.max(1, xOf(bin.to + 1) - x - 2);
    const y = yOf(bin.classes);
    const below = bin.from < requiredK;
    const label = view.t('report.histogramBin', {
      from: bin.from,
      to: bin.to,
      classes: bin.classes,
      records: bin.records,
    });
    return (
      `<g data-bin="${bin.from}-${bin.to}" data-classes="${bin.classes}"><title>${escapeHtml(label)}</title>` +
      `<rect x="${(x + 1).toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" ` +
      `height="${(TOP + plotHeight - y).toFixed(1)}" fill="${below ? '#b23b3b' : '#3b6ea5'}"/>` +
      (bin.classes > 0
        ? text(x + 1 + barWidth / 2, y - 3, String(bin.classes), ' text-anchor="middle"')
        : '') +
      text(x + 1, TOP + plotHeight + 14, String(bin.from)) +
      `</g>`
    );
  });
  const kX = xOf(requiredK);
  const kLine =
    requiredK >= first && requiredK <= last + 1
      ? `<g data-k-line="${requiredK}"><line x1="${kX.toFixed(1)}" y1="${TOP}" x2="${kX.toFixed(1)}" ` +
        `y2="${TOP + plotHeight}" stroke="#b23b3b" stroke-width="2" stroke-dasharray="5 3"/>` +
        text(kX + 4, TOP + 10, view.t('report.kLine', { k: requiredK }), ' fill="#b23b3b"') +
        `</g>`
      : '';
  const axes =
    `<line x1="${LEFT}" y1="${TOP + plotHeight}" x2="${WIDTH - RIGHT}" y2="${TOP + plotHeight}" stroke="#555"/>` +
    `<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + plotHeight}" stroke="#555"/>` +
    text(LEFT - 6, TOP + plotHeight, '0', ' text-anchor="end"') +
    text(LEFT - 6, TOP + 8, String(maxClasses), ' text-anchor="end"') +
    text(
      LEFT + plotWidth / 2,
      HEIGHT - 6,
      view.t('report.histogramX'),
      ' text-anchor="middle" data-axis="x"',
    ) +
    `<text x="12" y="${(TOP + plotHeight / 2).toFixed(1)}" font-size="11" text-anchor="middle" ` +
    `transform="rotate(-90 12 ${(TOP + plotHeight / 2).toFixed(1)})" data-axis="y">${escapeHtml(view.t('report.histogramY'))}</text>`;
  return trustedHtml(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" ` +
      `class="chart" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" ` +
      `font-family="sans-serif" data-class-size-chart><title>${escapeHtml(title)}</title>` +
      `${axes}${bars.join('')}${kLine}</svg>`,
  );
}
