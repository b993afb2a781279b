// Overlapping findings reduced to one per stretch of text: the more specific kind wins.
import { IDENTIFIER_KINDS, type IdentifierKind } from '../kinds.js';
import type { RawSpan } from './span.js';

const PRIORITY: ReadonlyMap<IdentifierKind, number> = new Map(
  IDENTIFIER_KINDS.map((kind, index) => [kind, index]),
);

/** Kinds a wider finding never replaces: a check digit is stronger evidence than any pattern. */
export const NEVER_REPLACED: ReadonlySet<IdentifierKind> = new Set([
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
 * The index in `kept` of the finding owning each code unit, -1 for none: one buffer grown as
 * needed and reused by every call (a call finishes with it before the next starts), so resolving
 * a cell's findings allocates no typed array.
 */
let owners = new Int32Array(256);

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
  const ordered = sortedBy([...spans], byPriority);
  let length = 0;
  for (const span of spans) length = Math.max(length, span.end);
  if (owners.length < length) owners = new Int32Array(Math.max(length, owners.length * 2));
  const owner = owners;
  owner.fill(-1, 0, length);
  const kept: (RawSpan | undefined)[] = [];
  for (const span of ordered) {
    // The findings it overlaps (each code unit's owner; a finding owning several units is asked
    // once per unit, which answers the same): all must lie strictly inside it and be unchecked.
    let overlaps = false;
    let replaceable = true;
    for (let i = span.start; i < span.end && replaceable; i++) {
      const k = owner[i];
      if (k < 0) continue;
      overlaps = true;
      const other = kept[k]!;
      replaceable =
        span.start < other.start && other.end < span.end && !NEVER_REPLACED.has(other.kind);
    }
    if (overlaps) {
      if (!replaceable) continue;
      for (let i = span.start; i < span.end; i++) if (owner[i] >= 0) kept[owner[i]] = undefined;
    }
    for (let i = span.start; i < span.end; i++) owner[i] = kept.length;
    kept.push(span);
  }
  const resolved: RawSpan[] = [];
  for (const span of kept) if (span !== undefined) resolved.push(span);
  return sortedBy(resolved, byStart);
}

/** Kind priority first, then the wider finding, then the earlier. */
function byPriority(a: RawSpan, b: RawSpan): number {
  return (
    PRIORITY.get(a.kind)! - PRIORITY.get(b.kind)! ||
    b.end - b.start - (a.end - a.start) ||
    a.start - b.start
  );
}

function byStart(a: RawSpan, b: RawSpan): number {
  return a.start - b.start;
}

/**
 * `spans` sorted in place, stably, by `compare`: an insertion sort, as Array.prototype.sort
 * would order them (`spans.sort(compare)`) without the work array it allocates per call — a
 * cell has a handful of findings.
 */
function sortedBy(spans: RawSpan[], compare: (a: RawSpan, b: RawSpan) => number): RawSpan[] {
  for (let i = 1; i < spans.length; i++) {
    const span = spans[i];
    let j = i;
    while (j > 0 && compare(spans[j - 1], span) > 0) {
      spans[j] = spans[j - 1];
      j--;
    }
    spans[j] = span;
  }
  return spans;
}
