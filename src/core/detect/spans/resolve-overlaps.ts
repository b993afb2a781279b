// Overlapping findings reduced to one per stretch of text: the more specific kind wins.
import { IDENTIFIER_KINDS, type IdentifierKind } from '../kinds.js';
import type { RawSpan } from './span.js';

const PRIORITY: ReadonlyMap<IdentifierKind, number> = new Map(
  IDENTIFIER_KINDS.map((kind, index) => [kind, index]),
);

/** Kinds a wider finding never replaces: a check digit is stronger evidence than any pattern. */
const NEVER_REPLACED: ReadonlySet<IdentifierKind> = new Set([
  'cn_resident_id',
  'cn_foreign_permanent_id',
  'cn_uscc',
  'bank_card',
  'hk_id',
  'tw_id',
  'vin',
  'imei',
]);

/**
 * Findings sorted by start with no two overlapping. Kinds are taken in IDENTIFIER_KINDS order
 * (checksummed first: a resident ID over a card number it happens to pass Luhn as); a finding
 * overlapping one already kept is dropped, unless it reaches beyond every finding it overlaps on
 * both sides and none of them is checksummed (an address around a number taken for something
 * else), in which case it replaces them. An owner per code unit keeps this linear in the text.
 */
export function resolveOverlaps(spans: readonly RawSpan[]): RawSpan[] {
  if (spans.length <= 1) return [...spans];
  if (spans.length === 2 && (spans[0].end <= spans[1].start || spans[1].end <= spans[0].start))
    return spans[0].start <= spans[1].start ? [spans[0], spans[1]] : [spans[1], spans[0]];
  const ordered = [...spans].sort(
    (a, b) =>
      PRIORITY.get(a.kind)! - PRIORITY.get(b.kind)! ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  let length = 0;
  for (const span of spans) length = Math.max(length, span.end);
  const owner = new Int32Array(length).fill(-1);
  const kept: (RawSpan | undefined)[] = [];
  for (const span of ordered) {
    const overlapped = new Set<number>();
    for (let i = span.start; i < span.end; i++) if (owner[i] >= 0) overlapped.add(owner[i]);
    if (overlapped.size > 0) {
      const replaceable = [...overlapped].every((k) => {
        const other = kept[k]!;
        return span.start < other.start && other.end < span.end && !NEVER_REPLACED.has(other.kind);
      });
      if (!replaceable) continue;
      for (const k of overlapped) kept[k] = undefined;
    }
    for (let i = span.start; i < span.end; i++) owner[i] = kept.length;
    kept.push(span);
  }
  return kept
    .filter((span): span is RawSpan => span !== undefined)
    .sort((a, b) => a.start - b.start);
}
