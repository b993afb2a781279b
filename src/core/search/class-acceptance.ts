// Whether one group of records may be released under class-level criteria (size, l, t): the
// check Mondrian applies to every partition it cuts.
import type { ResolvedCriteria } from './privacy-criteria.js';
import type { SensitiveProfile } from './node-verdict.js';

const EPSILON = 1e-12;

/**
 * Requires `valueCounts[code]` = records of the group holding sensitive value `code` (all
 * zeros when there is no sensitive attribute) and `present` the codes with a non-zero count.
 */
export function isClassAcceptable(
  size: number,
  valueCounts: Int32Array,
  present: readonly number[],
  criteria: ResolvedCriteria,
  profile: SensitiveProfile | null,
): boolean {
  if (size < criteria.minClassSize) return false;
  if (!criteria.needsSensitive || profile === null) return true;
  const l = criteria.l;
  if (l !== undefined) {
    if (present.length < l.l) return false;
    if (l.model === 'entropy') {
      let sum = 0;
      for (const code of present) sum += valueCounts[code] * Math.log(valueCounts[code]);
      if (Math.log(size) - sum / size < Math.log(l.l) - EPSILON) return false;
    } else if (l.model === 'recursive') {
      const sorted = present.map((code) => valueCounts[code]).sort((a, b) => b - a);
      let tail = 0;
      for (let i = l.l - 1; i < sorted.length; i++) tail += sorted[i];
      if (!(sorted[0] < (l.c as number) * tail)) return false;
    }
  }
  const t = criteria.t;
  if (t !== undefined) {
    let distance = 0;
    if (t.distance === 'equal') {
      let presentShare = 0;
      for (const code of present) {
        distance += Math.abs(profile.shares[code] - valueCounts[code] / size);
        presentShare += profile.shares[code];
      }
      distance = 0.5 * (distance + Math.max(0, 1 - presentShare));
    } else if (profile.distinctCount > 1) {
      const byRank = new Float64Array(profile.distinctCount);
      for (const code of present) byRank[profile.ranks[code]] = valueCounts[code] / size;
      let cumulative = 0;
      for (let r = 0; r < byRank.length; r++) {
        cumulative += byRank[r] - profile.sharesByRank[r];
        distance += Math.abs(cumulative);
      }
      distance /= profile.distinctCount - 1;
    }
    if (distance > t.t + EPSILON) return false;
  }
  return true;
}
