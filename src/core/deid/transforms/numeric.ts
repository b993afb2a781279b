// Numeric generalization and perturbation: bands, breakpoints, rounding, top/bottom coding, Laplace noise.
import type { Rng } from '../../rng.js';

/** Parses a decimal number written plainly (`12`, `-3.5`, `1e3`); NaN for anything else, including ''. */
export function parseNumber(value: string): number {
  const text = value.trim();
  if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number.NaN;
  return Number(text);
}

/** Formats without binary noise (0.1 + 0.2 → 0.3) at up to `decimals` places. */
export function formatNumber(x: number, decimals = 10): string {
  return String(Number(x.toFixed(decimals)));
}

/**
 * The band holding x: `lo-hi` (closed, integer width and integer x: 30-34) or `[lo,hi)` otherwise,
 * with lo = start + floor((x − start)/width)·width. Requires width > 0.
 */
export function bandOf(x: number, width: number, start: number): string {
  const lo = start + Math.floor((x - start) / width) * width;
  if (Number.isInteger(width) && Number.isInteger(start) && Number.isInteger(x))
    return `${lo}-${lo + width - 1}`;
  return `[${formatNumber(lo)},${formatNumber(lo + width)})`;
}

/**
 * The interval of x among strictly increasing breakpoints b0 < b1 < …: `<b0`, then `b_i-(b_{i+1}−1)`
 * for integer breakpoints and values (else `[b_i,b_{i+1})`), then `>=b_last`.
 */
export function breakpointBandOf(x: number, breakpoints: readonly number[]): string {
  if (x < breakpoints[0]) return `<${formatNumber(breakpoints[0])}`;
  const last = breakpoints[breakpoints.length - 1];
  if (x >= last) return `>=${formatNumber(last)}`;
  let i = 0;
  while (x >= breakpoints[i + 1]) i++;
  const lo = breakpoints[i];
  const hi = breakpoints[i + 1];
  if (Number.isInteger(lo) && Number.isInteger(hi) && Number.isInteger(x)) return `${lo}-${hi - 1}`;
  return `[${formatNumber(lo)},${formatNumber(hi)})`;
}

/** x rounded to the nearest multiple of `to` (ties away from zero), written without float noise. */
export function roundTo(x: number, to: number): string {
  const decimals = (String(to).split('.')[1] ?? '').length;
  // 0.35 / 0.1 is 3.4999999999999996 in binary: cut to 12 significant digits before rounding.
  const multiples = Math.round(Number((Math.abs(x) / to).toPrecision(12)));
  return formatNumber(Math.sign(x) * multiples * to, decimals);
}

/** Top and bottom coding: values below `bottom` become `<bottom`, above `top` become `>top`. */
export function topBottomCode(raw: string, x: number, bottom?: number, top?: number): string {
  if (bottom !== undefined && x < bottom) return `<${formatNumber(bottom)}`;
  if (top !== undefined && x > top) return `>${formatNumber(top)}`;
  return raw;
}

/**
 * One draw from Laplace(0, scale) by inverse CDF: −b·sgn(u)·ln(1 − 2|u|), u uniform in (−½, ½).
 * The draw is reproducible from the injected rng.
 */
export function laplaceNoise(rng: Rng, scale: number): number {
  let u = rng.next() - 0.5;
  // u = −0.5 would give ln(0); redraw (probability 2^-32).
  while (u === -0.5) u = rng.next() - 0.5;
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}
