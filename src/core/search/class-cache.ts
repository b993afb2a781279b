// The classes of evaluated lattice nodes, kept so a coarser node rolls up from the smallest finer
// one instead of from the input; least recently used classes go once the cache passes its budget.
import type { ClassEntries, NodeClasses } from './node-classes.js';

/** Default budget: 48M 32-bit integers (~192 MB) of cached entry columns. */
export const CACHE_BUDGET_INTS = 48_000_000;

interface CachedNode {
  readonly classes: NodeClasses;
  lastUsed: number;
}

export class ClassCache {
  private readonly cached: CachedNode[] = [];
  private ints = 0;
  /** A use counter (not time): larger means used more recently. */
  private uses = 0;

  /** `input` is the search's distinct entries: the source when no cached node is smaller. */
  constructor(
    private readonly input: ClassEntries,
    private readonly budgetInts = CACHE_BUDGET_INTS,
  ) {}

  /** Entries of the source `findSource` would pick for `levels` (without marking it used). */
  sourceSize(levels: Int32Array): number {
    let size = this.input.entryCount;
    for (const cached of this.cached) {
      if (cached.classes.entryCount >= size) continue;
      if (isFinerOrEqual(cached.classes.levels, levels)) size = cached.classes.entryCount;
    }
    return size;
  }

  /** The smallest cached classes at or below `levels` in every attribute, else the input. */
  findSource(levels: Int32Array): ClassEntries {
    let best: CachedNode | null = null;
    for (const cached of this.cached) {
      const finer = isFinerOrEqual(cached.classes.levels, levels);
      if (finer && (best === null || cached.classes.entryCount < best.classes.entryCount))
        best = cached;
    }
    if (best === null || best.classes.entryCount >= this.input.entryCount) return this.input;
    best.lastUsed = ++this.uses;
    return best.classes;
  }

  /** Keeps `classes`, evicting the least recently used while over budget (never the last one). */
  remember(classes: NodeClasses): void {
    this.cached.push({ classes, lastUsed: ++this.uses });
    this.ints += intsOf(classes);
    while (this.ints > this.budgetInts && this.cached.length > 1) {
      let victim = 0;
      for (let i = 1; i < this.cached.length; i++)
        if (this.cached[i].lastUsed < this.cached[victim].lastUsed) victim = i;
      const [evicted] = this.cached.splice(victim, 1);
      this.ints -= intsOf(evicted.classes);
    }
  }

  /** How many nodes' classes are cached. */
  get size(): number {
    return this.cached.length;
  }
}

/** The integers a node's classes hold: its code columns, counts, class of entry and sizes. */
function intsOf(classes: NodeClasses): number {
  return classes.entryCount * (classes.codes.length + (classes.sensitive === null ? 3 : 4));
}

/** True when every level of `finer` is at most the same level of `coarser`: its classes roll up. */
function isFinerOrEqual(finer: ArrayLike<number>, coarser: ArrayLike<number>): boolean {
  for (let j = 0; j < coarser.length; j++) if (finer[j] > coarser[j]) return false;
  return true;
}
