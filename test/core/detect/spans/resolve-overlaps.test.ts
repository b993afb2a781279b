import { expect } from 'chai';
import { IDENTIFIER_KINDS } from '../../../../src/core/detect/index.js';
import {
  NEVER_REPLACED,
  resolveOverlaps,
} from '../../../../src/core/detect/spans/resolve-overlaps.js';
import type { RawSpan } from '../../../../src/core/detect/spans/span.js';
import { createRng } from '../../../../src/core/rng.js';

/**
 * The rule resolveOverlaps implements, written plainly: findings in priority order (kind, then
 * wider, then earlier; a stable sort), each compared with every finding kept so far.
 */
function naiveResolve(spans: readonly RawSpan[]): RawSpan[] {
  const priority = (span: RawSpan) => IDENTIFIER_KINDS.indexOf(span.kind);
  const ordered = [...spans].sort(
    (a, b) => priority(a) - priority(b) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  let kept: RawSpan[] = [];
  for (const span of ordered) {
    const overlapped = kept.filter((other) => other.start < span.end && span.start < other.end);
    const replaceable = overlapped.every(
      (other) =>
        span.start < other.start && other.end < span.end && !NEVER_REPLACED.has(other.kind),
    );
    if (!replaceable) continue;
    kept = kept.filter((other) => !overlapped.includes(other));
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

describe('core/detect resolveOverlaps (one finding per stretch of text)', () => {
  it('keeps the checksummed kind over a wider pattern, and lets an address swallow a phone', () => {
    const id: RawSpan = { kind: 'cn_resident_id', start: 2, end: 20 };
    const card: RawSpan = { kind: 'bank_card', start: 2, end: 21 };
    const mobile: RawSpan = { kind: 'cn_mobile', start: 30, end: 41 };
    const address: RawSpan = { kind: 'cn_address', start: 25, end: 45 };
    expect(resolveOverlaps([mobile, card, address, id])).to.deep.equal([id, address]);
  });

  it('answers as the plain rule does on random findings (order, ties, replacements)', () => {
    const rng = createRng(20261207);
    const kinds = IDENTIFIER_KINDS;
    for (let round = 0; round < 2000; round++) {
      const spans: RawSpan[] = [];
      const count = 1 + rng.nextInt(7);
      for (let k = 0; k < count; k++) {
        const start = rng.nextInt(40);
        spans.push({
          kind: kinds[rng.nextInt(kinds.length)],
          start,
          end: start + 1 + rng.nextInt(20),
        });
      }
      expect(resolveOverlaps(spans)).to.deep.equal(naiveResolve(spans));
    }
  });
});
