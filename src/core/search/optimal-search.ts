// Optimal full-domain generalization: a best-first walk of the lattice in order of a metric lower
// bound, pruned by monotonicity and by the bound, over roll-ups of cached finer nodes' classes.
import type { GeneralizationLattice } from './generalization-lattice.js';
import { createLattice, levelsOf, nodeOf } from './generalization-lattice.js';
import { ClassCache } from './class-cache.js';
import { rollUpClasses } from './node-classes.js';
import { NodeHeap, precedes } from './node-heap.js';
import { judgeClasses } from './node-verdict.js';
import type { NodeVerdict } from './node-verdict.js';
import type { PreparedSearch } from './prepare-search.js';
import type { PrivacyCriteria, ResolvedCriteria } from './privacy-criteria.js';
import { resolveCriteria } from './privacy-criteria.js';
import type { SearchMetric } from './search-metrics.js';
import {
  inheritedLowerBound,
  lowerBoundWithSuppression,
  measureNode,
  SEARCH_METRICS,
  staticLowerBound,
} from './search-metrics.js';
import { SearchError } from './search-error.js';

export interface SearchProgress {
  readonly checked: number;
  readonly pruned: number;
  readonly latticeSize: number;
  /** Nodes whose fate is settled (checked, pruned by monotonicity, or dominated). */
  readonly settled: number;
  readonly bestValue: number | null;
}

export interface SearchOptions {
  readonly criteria: PrivacyCriteria;
  /** Share of records that may be suppressed, 0..1; default 0. */
  readonly suppressionLimit?: number;
  readonly metric?: SearchMetric;
  readonly onProgress?: (progress: SearchProgress) => void;
  /** Checked between node evaluations; an aborted search throws `search_cancelled`. */
  readonly signal?: AbortSignal;
  /** Entry visits per slice of the asynchronous search (progress granularity); default 4M. */
  readonly sliceWork?: number;
  /** Refuse lattices larger than this (default 4,194,304 nodes). */
  readonly maxLatticeSize?: number;
}

/** The optimum of a full search, or `levels: null` when no transformation meets the criteria. */
export interface SearchOutcome {
  readonly levels: readonly number[] | null;
  readonly metric: SearchMetric;
  readonly value: number | null;
  readonly suppressedCount: number;
  readonly classCount: number;
  readonly minClassSize: number;
  /** Always true: the search settles every node before it answers. */
  readonly optimal: true;
  readonly checked: number;
  /** Nodes never evaluated: latticeSize − checked. */
  readonly pruned: number;
  readonly prunedByMonotonicity: number;
  readonly prunedByBound: number;
  readonly latticeSize: number;
  readonly maxSuppressed: number;
}

/**
 * Tie rule: among transformations with the same metric value, the one with the smaller sum of
 * levels wins (less generalization), then the lexicographically smaller level vector in the
 * order the quasi-identifiers were given.
 */
export const TIE_RULE =
  'equal metric: smaller sum of levels, then lexicographically smaller levels in QI order';

const UNKNOWN = 0;
const FAILING = 1; // known to fail: evaluated, or below a failing node under monotone criteria
const DOMINATED = 2; // above a node passing without suppression: passes, but cannot be better
const PASSED = 3; // evaluated and passing

/** Entry visits between two yields of the asynchronous search. */
const SLICE_WORK = 4_000_000;

/** One search over a prepared input; `run` advances it until done or the work slice ends. */
export class LatticeSearch {
  readonly lattice: GeneralizationLattice;
  private readonly criteria: ResolvedCriteria;
  private readonly metric: SearchMetric;
  private readonly maxSuppressed: number;
  private readonly status: Uint8Array;
  private readonly bound: Float64Array;
  /** Least number of records a node must suppress (known from evaluated nodes above it). */
  private readonly suppressionFloor: Int32Array;
  private readonly stamp: Int32Array;
  private stampCounter = 0;
  /** Nodes whose bound rose after `order` was sorted, requeued under the new bound. */
  private readonly heap: NodeHeap;
  private order: Int32Array;
  private orderKeys: Float64Array;
  private orderPosition = 0;
  private readonly cache: ClassCache;
  private bestNode = -1;
  private bestValue = Infinity;
  private bestVerdict: NodeVerdict | null = null;
  private checked = 0;
  private prunedByMonotonicity = 0;
  private dominated = 0;
  private done = false;
  private readonly scratch: Int32Array;
  /** Whether the suppressed count only shrinks upward (class-level criteria monotone). */
  private readonly classMonotone: boolean;
  /** 1 for nodes known to suppress too much (closed downward when `classMonotone`). */
  private readonly classFailed: Uint8Array;

  constructor(
    private readonly prepared: PreparedSearch,
    private readonly options: SearchOptions,
  ) {
    const metric = options.metric ?? 'loss';
    if (!SEARCH_METRICS.includes(metric))
      throw new SearchError('search_invalid_criteria', `unknown metric ${String(metric)}`, {
        issues: [{ field: 'metric', reason: 'must be loss, dm, aecs or precision' }],
      });
    const limit = options.suppressionLimit ?? 0;
    if (!(limit >= 0 && limit <= 1))
      throw new SearchError(
        'search_invalid_criteria',
        `suppression limit ${limit} is outside [0, 1]`,
        {
          issues: [{ field: 'suppressionLimit', reason: 'must be in [0, 1]' }],
        },
      );
    this.metric = metric;
    this.criteria = resolveCriteria(options.criteria, prepared.sensitiveProfile !== null);
    // ARX: at most ⌊limit · n⌋ records may be suppressed.
    this.maxSuppressed = Math.floor(limit * prepared.recordCount + 1e-9);
    this.classMonotone =
      this.maxSuppressed === 0 || this.criteria.classLevelMonotoneWithSuppression;
    const heights = Int32Array.from(prepared.hierarchies, (hierarchy) => hierarchy.height);
    this.lattice = createLattice(heights, options.maxLatticeSize ?? 4_194_304);
    const size = this.lattice.size;
    this.status = new Uint8Array(size);
    this.bound = new Float64Array(size);
    this.suppressionFloor = new Int32Array(size);
    this.classFailed = new Uint8Array(size);
    this.stamp = new Int32Array(size);
    this.scratch = new Int32Array(heights.length);
    this.heap = new NodeHeap(size + 1, this.lattice.levelSums);
    this.cache = new ClassCache(prepared.entries);
    this.order = new Int32Array(0);
    this.orderKeys = new Float64Array(0);
    for (let node = 0; node < size; node++) {
      this.bound[node] = staticLowerBound(
        metric,
        levelsOf(this.lattice, node, this.scratch),
        prepared.tables,
        this.criteria.minClassSize,
      );
    }
    // Candidates come from this order (static bounds); a node whose bound rose moves to the heap.
    const bound = this.bound;
    const sums = this.lattice.levelSums;
    this.order = new Int32Array(size);
    for (let node = 0; node < size; node++) this.order[node] = node;
    this.order.sort((a, b) => bound[a] - bound[b] || sums[a] - sums[b] || a - b);
    this.orderKeys = Float64Array.from(this.order, (node) => bound[node]);
  }

  /** Advances the search by about `workLimit` entry visits; returns true when it is finished. */
  run(workLimit = Infinity): boolean {
    let work = 0;
    while (!this.done && work < workLimit) {
      if (this.options.signal?.aborted)
        throw new SearchError('search_cancelled', 'the search was cancelled', {
          details: { checked: this.checked },
        });
      const node = this.nextCandidate();
      if (node < 0) {
        this.done = true;
        break;
      }
      work += this.classMonotone ? this.searchChain(node) : this.evaluate(node).work;
    }
    this.options.onProgress?.(this.progress());
    return this.done;
  }

  progress(): SearchProgress {
    return {
      checked: this.checked,
      pruned: this.lattice.size - this.checked,
      latticeSize: this.lattice.size,
      settled: this.checked + this.prunedByMonotonicity + this.dominated,
      bestValue: this.bestNode < 0 ? null : this.bestValue,
    };
  }

  outcome(): SearchOutcome {
    if (!this.done) throw new SearchError('search_invalid_input', 'the search has not finished');
    const verdict = this.bestVerdict;
    return {
      levels:
        this.bestNode < 0
          ? null
          : Array.from(levelsOf(this.lattice, this.bestNode, new Int32Array(this.scratch.length))),
      metric: this.metric,
      value: this.bestNode < 0 ? null : this.bestValue,
      suppressedCount: verdict?.suppressedCount ?? 0,
      classCount: verdict?.releasedClassCount ?? 0,
      minClassSize: verdict?.minReleasedClassSize ?? 0,
      optimal: true,
      checked: this.checked,
      pruned: this.lattice.size - this.checked,
      prunedByMonotonicity: this.prunedByMonotonicity + this.dominated,
      prunedByBound: this.lattice.size - this.checked - this.prunedByMonotonicity - this.dominated,
      latticeSize: this.lattice.size,
      maxSuppressed: this.maxSuppressed,
    };
  }

  /**
   * The unsettled node with the least (bound, level sum, index) that could still beat the best,
   * or −1 when none can: every node left has a bound at least this one's.
   */
  private nextCandidate(): number {
    const status = this.status;
    const order = this.order;
    for (;;) {
      while (this.orderPosition < order.length && status[order[this.orderPosition]] !== UNKNOWN)
        this.orderPosition++;
      const heap = this.heap;
      while (heap.size > 0 && status[heap.topNode()] !== UNKNOWN) heap.pop();
      const inOrder = this.orderPosition < order.length;
      if (!inOrder && heap.size === 0) return -1;
      const fromOrder =
        inOrder &&
        (heap.size === 0 ||
          precedes(
            this.lattice.levelSums,
            order[this.orderPosition],
            this.orderKeys[this.orderPosition],
            heap.topNode(),
            heap.topKey(),
          ));
      const node = fromOrder ? order[this.orderPosition] : heap.topNode();
      const key = fromOrder ? this.orderKeys[this.orderPosition] : heap.topKey();
      const take = () => (fromOrder ? this.orderPosition++ : heap.pop());
      const bound = this.effectiveBound(node);
      if (bound > key) {
        // The bound rose since the node was queued: requeue it under its current bound.
        take();
        heap.push(node, bound);
        continue;
      }
      if (this.bestNode >= 0) {
        const tolerance = this.tolerance();
        if (bound > this.bestValue + tolerance) return -1;
        // Within the tolerance of the best, only a node that wins the tie rule is worth a look.
        if (bound >= this.bestValue - tolerance && !this.winsTie(node)) {
          take();
          continue;
        }
      }
      take();
      return node;
    }
  }

  /** Values closer than this are equal (floating sums); DM is an exact integer. */
  private tolerance(): number {
    return this.metric === 'dm' ? 0 : 1e-10 * Math.max(1, Math.abs(this.bestValue));
  }

  private isBetter(value: number, node: number): boolean {
    if (this.bestNode < 0) return true;
    const tolerance = this.tolerance();
    if (value < this.bestValue - tolerance) return true;
    if (value > this.bestValue + tolerance) return false;
    return this.winsTie(node);
  }

  /** The tie rule: smaller level sum, then smaller index (lexicographically smaller levels). */
  private winsTie(node: number): boolean {
    const sums = this.lattice.levelSums;
    const best = this.bestNode;
    return sums[node] < sums[best] || (sums[node] === sums[best] && node < best);
  }

  /** Evaluates a node from the cheapest cached finer node; settles what monotonicity allows. */
  private evaluate(node: number): { passes: boolean; classPasses: boolean; work: number } {
    const levels = levelsOf(this.lattice, node, new Int32Array(this.scratch.length));
    const source = this.cache.findSource(levels);
    const { classes } = rollUpClasses(source, levels, this.prepared.context);
    const verdict = judgeClasses(classes, this.criteria, this.prepared.sensitiveProfile);
    const passes = verdict.suppressedCount <= this.maxSuppressed && verdict.tableConditionsHold;
    this.checked++;
    this.status[node] = passes ? PASSED : FAILING;
    this.cache.remember(classes);
    if (passes) {
      const value = measureNode(this.metric, classes, verdict, this.prepared.tables);
      if (this.isBetter(value, node)) {
        this.bestNode = node;
        this.bestValue = value;
        this.bestVerdict = verdict;
      }
      // Without suppression every metric here only grows upward, and nodes above lose the tie.
      if (verdict.suppressedCount === 0) this.markAbove(node);
    } else if (this.classMonotone && verdict.suppressedCount > this.maxSuppressed) {
      // Every node below suppresses at least as many records (a table-level failure alone, the
      // GB/T 42460 mean risk, says nothing about them).
      this.classFailed[node] = 1;
      this.markBelow(node);
    }
    const inherited = inheritedLowerBound(this.metric, verdict, classes, this.prepared.tables);
    if (inherited !== null) this.raiseBoundAbove(node, inherited);
    // When the suppressed set only shrinks upward, every node below suppresses at least as many
    // records: a floor that tightens their bounds.
    if (
      this.classMonotone &&
      verdict.suppressedCount > 0 &&
      verdict.suppressedCount <= this.maxSuppressed
    )
      this.raiseSuppressionBelow(node, verdict.suppressedCount);
    return {
      passes,
      classPasses: verdict.suppressedCount <= this.maxSuppressed,
      work: source.entryCount,
    };
  }

  /**
   * Under monotone criteria, settles `node` by a binary search on a chain from it to the top
   * (each step the successor with the least bound): nodes on a chain fail up to some point and
   * pass from there, a failure settles everything below it and a pass gives a value to beat.
   * Probing high first means most probes roll up from small cached classes.
   */
  private searchChain(node: number): number {
    const { heights, strides } = this.lattice;
    const levels = new Int32Array(heights.length);
    const chain = [node];
    for (let current = node; ;) {
      levelsOf(this.lattice, current, levels);
      let next = -1;
      for (let j = 0; j < heights.length; j++) {
        if (levels[j] + 1 >= heights[j]) continue;
        const successor = current + strides[j];
        if (next < 0 || this.bound[successor] < this.bound[next]) next = successor;
      }
      if (next < 0) break;
      chain.push(next);
      current = next;
    }
    // Invariant: chain[≤ low] fail, chain[≥ high] pass (high = length: beyond the top).
    let low = -1;
    let high = chain.length;
    let work = 0;
    while (high - low > 1) {
      const middle = this.choosePivot(chain, low, high);
      // Bisect on the class-level verdict (suppressing too much), which is monotone even when a
      // table-level condition is not; known nodes answer without evaluation.
      const probe = chain[middle];
      let passes: boolean;
      if (this.classFailed[probe] === 1) passes = false;
      else if (this.status[probe] !== UNKNOWN) passes = true;
      else {
        const result = this.evaluate(probe);
        work += result.work;
        passes = result.classPasses;
      }
      if (passes) high = middle;
      else low = middle;
    }
    return work;
  }

  /**
   * The middle of (low, high), unless a node nearer the middle can be rolled up from far smaller
   * cached classes: probing it costs a fraction and still splits the chain (cost-aware bisection).
   */
  private choosePivot(chain: readonly number[], low: number, high: number): number {
    const middle = (low + high) >> 1;
    if (high - low <= 3) return middle;
    const levels = new Int32Array(this.scratch.length);
    const costOf = (position: number) =>
      this.cache.sourceSize(levelsOf(this.lattice, chain[position], levels));
    const middleCost = costOf(middle);
    let best = middle;
    let bestCost = middleCost;
    for (let offset = 1; middle - offset > low || middle + offset < high; offset++) {
      for (const position of [middle + offset, middle - offset]) {
        if (position <= low || position >= high || this.status[chain[position]] !== UNKNOWN)
          continue;
        const cost = costOf(position);
        if (cost * 4 <= middleCost && cost < bestCost) {
          best = position;
          bestCost = cost;
        }
      }
      if (best !== middle) break;
    }
    return best;
  }

  /** Marks every unsettled node below `node` as failing (monotone criteria). */
  private markBelow(node: number): void {
    this.traverse(node, -1, (other) => {
      // Class-level failures are closed downward, so an already marked node's down-set is too.
      if (this.classFailed[other] === 1) return false;
      this.classFailed[other] = 1;
      if (this.status[other] === UNKNOWN) {
        this.status[other] = FAILING;
        this.prunedByMonotonicity++;
      }
      return true;
    });
  }

  /** Marks every unsettled node above `node` as dominated. */
  private markAbove(node: number): void {
    this.traverse(node, 1, (other) => {
      const status = this.status[other];
      if (status === DOMINATED) return false;
      if (status === UNKNOWN) {
        this.status[other] = DOMINATED;
        this.dominated++;
      }
      return true;
    });
  }

  /** Raises the bound of every node above `node` to at least `value` (bounds stay monotone). */
  private raiseBoundAbove(node: number, value: number): void {
    this.traverse(node, 1, (other) => {
      if (this.bound[other] >= value) return false;
      this.bound[other] = value;
      return true;
    });
  }

  /** Raises the suppression floor of every node below `node` to at least `suppressed`. */
  private raiseSuppressionBelow(node: number, suppressed: number): void {
    this.traverse(node, -1, (other) => {
      if (this.suppressionFloor[other] >= suppressed) return false;
      this.suppressionFloor[other] = suppressed;
      return true;
    });
  }

  /** The node's bound, tightened by its suppression floor when one is known. */
  private effectiveBound(node: number): number {
    const floor = this.suppressionFloor[node];
    if (floor === 0) return this.bound[node];
    const levels = levelsOf(this.lattice, node, this.scratch);
    const bound = lowerBoundWithSuppression(
      this.metric,
      levels,
      floor,
      this.criteria.minClassSize,
      this.prepared.tables,
    );
    return bound > this.bound[node] ? bound : this.bound[node];
  }

  /** Depth-first over the nodes strictly below (direction −1) or above (+1) `node`, once each. */
  private traverse(node: number, direction: 1 | -1, visit: (other: number) => boolean): void {
    const { heights, strides } = this.lattice;
    const stamp = ++this.stampCounter;
    const stack = [node];
    while (stack.length > 0) {
      const current = stack.pop() as number;
      for (let j = 0; j < heights.length; j++) {
        const level = Math.floor(current / strides[j]) % heights[j];
        if (direction < 0 ? level === 0 : level + 1 >= heights[j]) continue;
        const other = current + direction * strides[j];
        if (this.stamp[other] === stamp) continue;
        this.stamp[other] = stamp;
        if (visit(other)) stack.push(other);
      }
    }
  }
}

/** Runs a whole search synchronously (tests, small inputs, the pipeline inside a worker). */
export function searchLatticeSync(prepared: PreparedSearch, options: SearchOptions): SearchOutcome {
  const search = new LatticeSearch(prepared, options);
  search.run();
  return search.outcome();
}

/**
 * Runs a search in slices, yielding to the event loop between them so a progress bar can draw
 * and an abort (SIGINT, a cancelled job) can land; throws `search_cancelled` when aborted.
 */
export async function searchLattice(
  prepared: PreparedSearch,
  options: SearchOptions,
): Promise<SearchOutcome> {
  const search = new LatticeSearch(prepared, options);
  while (!search.run(options.sliceWork ?? SLICE_WORK)) await yieldToEventLoop();
  return search.outcome();
}

function yieldToEventLoop(): Promise<void> {
  // A macrotask boundary (not a clock): lets signal handlers and timers run between slices.
  return new Promise((resolve) => setImmediate(resolve));
}

export { nodeOf };
