// The null distribution of an innocent trade's score: a Rademacher sum Σ ε_s w_s with independent
// fair signs ε_s (the trade's codeword bits) and weights fixed by the leak, and its tail bound.

const LN2 = Math.LN2;

/** ln cosh(x), stable for large |x|. */
function logCosh(x: number): number {
  const a = Math.abs(x);
  return a + Math.log1p(Math.exp(-2 * a)) - LN2;
}

/**
 * ln of an upper bound on P(Σ ε_s w_s ≥ t) for independent fair signs ε_s: the Chernoff bound
 * min over λ ≥ 0 of −λt + Σ ln cosh(λ w_s), whose moment generating function is exact for this
 * distribution. It is tight to a polynomial factor and exact at the extreme: every sign matching
 * (t = Σ|w|) gives 2^−m over the m non-zero weights. Returns 0 for t ≤ 0 and −Infinity for t > Σ|w|
 * (impossible under the null).
 */
export function logRademacherTail(weights: Float64Array, t: number): number {
  if (!(t > 0)) return 0;
  let total = 0;
  let nonZero = 0;
  let largest = 0;
  let smallest = Infinity;
  for (const w of weights) {
    const a = Math.abs(w);
    if (a === 0) continue;
    total += a;
    nonZero++;
    largest = Math.max(largest, a);
    smallest = Math.min(smallest, a);
  }
  if (nonZero === 0 || t > total * (1 + 1e-12)) return -Infinity;
  // Any mismatching sign lowers the sum by 2|w_s| ≥ 2·smallest: above total − smallest all match.
  if (t > total - smallest) return -nonZero * LN2;
  // The objective is convex in λ with slope −t at 0 and Σ|w| − t > 0 at infinity: find the slope's
  // root by Newton steps kept inside a bisection bracket.
  let squares = 0;
  for (const w of weights) squares += w * w;
  let low = 0;
  let high = Infinity;
  let lambda = t / squares; // the Gaussian approximation's optimum
  for (let i = 0; i < 200; i++) {
    let slope = -t;
    let curvature = 0;
    for (const w of weights) {
      const th = Math.tanh(lambda * w);
      slope += w * th;
      curvature += w * w * (1 - th * th);
    }
    if (slope < 0) low = lambda;
    else high = lambda;
    if (Math.abs(slope) <= 1e-12 * t || (Number.isFinite(high) && high - low <= 1e-12 * high))
      break;
    let next = curvature > 0 ? lambda - slope / curvature : NaN;
    if (!(next > low && next < high))
      next = Number.isFinite(high) ? (low + high) / 2 : 2 * lambda + 1 / largest;
    if (next > 1e6 / smallest) break;
    lambda = next;
  }
  let value = -lambda * t;
  for (const w of weights) value += logCosh(lambda * w);
  return Math.min(0, value);
}
