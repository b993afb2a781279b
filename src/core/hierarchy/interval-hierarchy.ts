// Builds interval hierarchies for numeric attributes from nested band widths (e.g. 5, 10, 20, then *).
import { buildHierarchy } from './generalization-hierarchy.js';
import type { GeneralizationHierarchy, HierarchyRow } from './generalization-hierarchy.js';
import { HierarchyError } from './hierarchy-error.js';

export interface IntervalBands {
  /** Band widths per level, strictly increasing, each a whole multiple of the one before. */
  readonly widths: readonly number[];
  /** Where bands start (a band is [origin + i·w, origin + (i+1)·w)); default 0. */
  readonly origin?: number;
  /** Label of the top level added above the widest band; default `*`. */
  readonly topLabel?: string;
}

/**
 * Builds a hierarchy whose level 0 is the given numeric values and level i (1..widths.length)
 * is the band of width `widths[i-1]` holding the value, then a top level `*`. Bands of integers
 * are labelled `lo-hi` inclusive (`20-24`, ARX's Adult style); others `[lo, hi)`. Widths must
 * nest (each a multiple of the previous) or parents would be inconsistent. Leaves are sorted
 * numerically; duplicates are refused.
 */
export function buildIntervalHierarchy(
  values: readonly string[],
  bands: IntervalBands,
): GeneralizationHierarchy {
  const origin = bands.origin ?? 0;
  const { widths } = bands;
  if (!Number.isFinite(origin))
    throw new HierarchyError('hierarchy_invalid_bands', 'band origin must be a finite number');
  for (let index = 0; index < widths.length; index++) {
    const width = widths[index];
    const previous = index === 0 ? undefined : widths[index - 1];
    const nested =
      previous === undefined ||
      (width > previous && Math.abs(width / previous - Math.round(width / previous)) < 1e-9);
    if (!(Number.isFinite(width) && width > 0) || !nested)
      throw new HierarchyError(
        'hierarchy_invalid_bands',
        `band width ${width} at level ${index + 1} must be positive and a multiple of ${previous ?? 'nothing'}`,
        { details: { level: index + 1, got: width, previous: previous ?? null } },
      );
  }
  const parsed = values.map((value, index) => {
    const number = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(number))
      throw new HierarchyError(
        'hierarchy_non_numeric_value',
        `interval hierarchy value #${index + 1} is not a finite number`,
        { details: { index } },
      );
    return { value, number };
  });
  parsed.sort(
    (a, b) => a.number - b.number || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
  const integral = Number.isInteger(origin) && widths.every((width) => Number.isInteger(width));
  const rows: HierarchyRow[] = parsed.map(({ value, number }, index) => {
    const labels = [value];
    for (const width of widths) {
      const low = origin + Math.floor((number - origin) / width) * width;
      const high = low + width;
      labels.push(integral ? `${low}-${high - 1}` : `[${low}, ${high})`);
    }
    labels.push(bands.topLabel ?? '*');
    return { labels, line: index + 1 };
  });
  return buildHierarchy(rows);
}
