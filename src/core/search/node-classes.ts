// A lattice node's equivalence classes as distinct (QI codes, sensitive value) entries with counts,
// rolled up from a finer node's entries instead of rescanning rows.

/**
 * Distinct combinations of quasi-identifier codes at `levels` (and the sensitive value) with
 * their record counts: the input of a roll-up. `codes[j][e]` indexes the labels of QI j at
 * `levels[j]`; Σ counts = records.
 */
export interface ClassEntries {
  readonly levels: Int32Array;
  readonly entryCount: number;
  readonly codes: readonly Int32Array[];
  /** Sensitive value code per entry, or null without a sensitive attribute. */
  readonly sensitive: Int32Array | null;
  readonly counts: Int32Array;
}

/**
 * The classes of one transformation. Entries are the distinct combinations of generalized
 * quasi-identifier codes (and the sensitive value, when there is one) with their record counts;
 * a class is the set of entries that share the quasi-identifier codes.
 * Invariants: `codes[j][e]` indexes `hierarchies[j].levels[levels[j]]`; Σ counts = records;
 * `classSizes[c]` = Σ counts of the entries with `classOfEntry[e] === c`.
 */
export interface NodeClasses extends ClassEntries {
  readonly classOfEntry: Int32Array;
  readonly classCount: number;
  readonly classSizes: Int32Array;
}

/** What a roll-up needs to know about the attributes: label counts and level-to-level maps. */
export interface RollupContext {
  /** `cardinalities[j][level]` = number of labels of QI j at that level. */
  readonly cardinalities: readonly Int32Array[];
  /** `levelMap(j, from, to)[codeAtFrom]` = code at `to`; requires from <= to. */
  levelMap(attribute: number, from: number, to: number): Int32Array;
  readonly sensitiveCardinality: number;
  /** Reusable work arrays (one per search, never shared between concurrent searches). */
  readonly scratch: RollupScratch;
}

/** Work arrays a roll-up reuses instead of allocating per node; grown on demand. */
export class RollupScratch {
  keys = new Float64Array(0);
  classKeys = new Float64Array(0);
  idOf = new Int32Array(0);
  firstOf = new Int32Array(0);
  slotKeys = new Float64Array(0);
  slotIds = new Int32Array(0);
  slotStamps = new Int32Array(0);
  direct = new Int32Array(0);
  directStamps = new Int32Array(0);
  stamp = 0;
  identity = new Int32Array(0);

  ensureEntries(length: number): void {
    if (this.keys.length >= length) return;
    const size = Math.max(length, this.keys.length * 2, 1024);
    this.keys = new Float64Array(size);
    this.classKeys = new Float64Array(size);
    this.idOf = new Int32Array(size);
    this.firstOf = new Int32Array(size);
  }

  /** A read-only 0, 1, 2, … view shared by every node without a sensitive attribute. */
  identityOf(length: number): Int32Array {
    if (this.identity.length < length) {
      this.identity = new Int32Array(Math.max(length, this.identity.length * 2, 1024));
      for (let i = 0; i < this.identity.length; i++) this.identity[i] = i;
    }
    return this.identity.subarray(0, length);
  }

  nextStamp(): number {
    if (this.stamp >= 0x7ffffff0) {
      this.stamp = 0;
      this.slotStamps.fill(0);
      this.directStamps.fill(0);
    }
    return ++this.stamp;
  }
}

export interface Rollup {
  readonly classes: NodeClasses;
  /** Entry of the result each source entry went to (only when asked for; else null). */
  readonly entryOfSource: Int32Array | null;
}

const MAX_EXACT_KEY = 2 ** 53;

/**
 * Computes the classes of the node `levels` from those of a finer node (`source.levels[j] <=
 * levels[j]` for every j): each source entry's codes go through the level maps and entries with
 * equal results merge. Work is linear in the source's entries, not in the records.
 * Keys are mixed-radix numbers while the product of cardinalities stays below 2^53, and code
 * vectors compared in full beyond.
 */
export function rollUpClasses(
  source: ClassEntries,
  levels: Int32Array,
  context: RollupContext,
  withMapping = false,
): Rollup {
  const attributeCount = levels.length;
  const entryCount = source.entryCount;
  const maps: Int32Array[] = [];
  let classProduct = 1;
  for (let j = 0; j < attributeCount; j++) {
    maps.push(context.levelMap(j, source.levels[j], levels[j]));
    classProduct *= Math.max(1, context.cardinalities[j][levels[j]]);
  }
  const sensitive = source.sensitive;
  const sensitiveCardinality = sensitive === null ? 1 : Math.max(1, context.sensitiveCardinality);
  if (classProduct * sensitiveCardinality > MAX_EXACT_KEY)
    return rollUpByVectors(source, levels, maps, context.scratch, withMapping);

  const scratch = context.scratch;
  scratch.ensureEntries(entryCount);
  // classKeys[e] = Σ_j map_j[codes_j[e]] · Π_{i>j} card_i, built column by column for locality.
  const classKeys = scratch.classKeys;
  if (attributeCount === 0) classKeys.fill(0, 0, entryCount);
  for (let j = 0; j < attributeCount; j++) {
    const map = maps[j];
    const codes = source.codes[j];
    const cardinality = Math.max(1, context.cardinalities[j][levels[j]]);
    if (j === 0) for (let e = 0; e < entryCount; e++) classKeys[e] = map[codes[e]];
    else
      for (let e = 0; e < entryCount; e++)
        classKeys[e] = classKeys[e] * cardinality + map[codes[e]];
  }
  let entryKeys = classKeys;
  if (sensitive !== null) {
    entryKeys = scratch.keys;
    for (let e = 0; e < entryCount; e++)
      entryKeys[e] = classKeys[e] * sensitiveCardinality + sensitive[e];
  }
  const entryOfSource = withMapping ? new Int32Array(entryCount) : scratch.idOf;
  const firstSource = scratch.firstOf;
  const newEntryCount = groupKeys(
    entryKeys,
    entryCount,
    classProduct * sensitiveCardinality,
    entryOfSource,
    firstSource,
    scratch,
  );
  const counts = new Int32Array(newEntryCount);
  const sourceCounts = source.counts;
  for (let e = 0; e < entryCount; e++) counts[entryOfSource[e]] += sourceCounts[e];
  const codes: Int32Array[] = [];
  for (let j = 0; j < attributeCount; j++) {
    const map = maps[j];
    const sourceCodes = source.codes[j];
    const out = new Int32Array(newEntryCount);
    for (let e = 0; e < newEntryCount; e++) out[e] = map[sourceCodes[firstSource[e]]];
    codes.push(out);
  }
  let newSensitive: Int32Array | null = null;
  let classOfEntry: Int32Array;
  let classCount: number;
  if (sensitive === null) {
    classOfEntry = scratch.identityOf(newEntryCount);
    classCount = newEntryCount;
  } else {
    newSensitive = new Int32Array(newEntryCount);
    // The class keys of the new entries overwrite `keys`, whose entry keys are no longer needed.
    const entryClassKeys = scratch.keys;
    for (let e = 0; e < newEntryCount; e++) {
      newSensitive[e] = sensitive[firstSource[e]];
      entryClassKeys[e] = classKeys[firstSource[e]];
    }
    classOfEntry = new Int32Array(newEntryCount);
    classCount = groupKeys(
      entryClassKeys,
      newEntryCount,
      classProduct,
      classOfEntry,
      null,
      scratch,
    );
  }
  return {
    classes: finishClasses(levels, codes, newSensitive, counts, classOfEntry, classCount),
    entryOfSource: withMapping ? entryOfSource : null,
  };
}

function finishClasses(
  levels: Int32Array,
  codes: Int32Array[],
  sensitive: Int32Array | null,
  counts: Int32Array,
  classOfEntry: Int32Array,
  classCount: number,
): NodeClasses {
  const classSizes = sensitive === null ? counts : new Int32Array(classCount);
  if (sensitive !== null)
    for (let e = 0; e < counts.length; e++) classSizes[classOfEntry[e]] += counts[e];
  return {
    levels: Int32Array.from(levels),
    entryCount: counts.length,
    codes,
    sensitive,
    counts,
    classOfEntry,
    classCount,
    classSizes,
  };
}

/**
 * Dense ids (in order of first appearance) for exact integer keys below `product`; writes the id
 * of each key to `idOf` and, when given, the first index of each id to `firstOf`. Returns the
 * number of ids. A direct-address table when `product` is small, else open addressing.
 */
function groupKeys(
  keys: Float64Array,
  length: number,
  product: number,
  idOf: Int32Array,
  firstOf: Int32Array | null,
  scratch: RollupScratch,
): number {
  let next = 0;
  // Slots are valid only when their stamp is this call's, so tables are never cleared.
  const stamp = scratch.nextStamp();
  if (product <= 4 * length + 1024 && product <= 1 << 24) {
    if (scratch.direct.length < product) {
      scratch.direct = new Int32Array(Math.max(product, scratch.direct.length * 2));
      scratch.directStamps = new Int32Array(scratch.direct.length);
    }
    const slots = scratch.direct;
    const stamps = scratch.directStamps;
    for (let i = 0; i < length; i++) {
      const key = keys[i];
      let id: number;
      if (stamps[key] !== stamp) {
        stamps[key] = stamp;
        id = next++;
        slots[key] = id;
        if (firstOf !== null) firstOf[id] = i;
      } else id = slots[key];
      idOf[i] = id;
    }
    return next;
  }
  let capacity = 16;
  while (capacity < length * 2) capacity *= 2;
  if (scratch.slotIds.length < capacity) {
    scratch.slotIds = new Int32Array(capacity);
    scratch.slotKeys = new Float64Array(capacity);
    scratch.slotStamps = new Int32Array(capacity);
  }
  const mask = capacity - 1;
  const slotIds = scratch.slotIds;
  const slotKeys = scratch.slotKeys;
  const slotStamps = scratch.slotStamps;
  for (let i = 0; i < length; i++) {
    const key = keys[i];
    // murmur3 finalizer over the low and high 32-bit halves of the exact key
    let h = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) | 0, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let slot = h & mask;
    for (;;) {
      if (slotStamps[slot] !== stamp) {
        slotStamps[slot] = stamp;
        slotIds[slot] = next;
        slotKeys[slot] = key;
        if (firstOf !== null) firstOf[next] = i;
        idOf[i] = next++;
        break;
      }
      if (slotKeys[slot] === key) {
        idOf[i] = slotIds[slot];
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return next;
}

/** Roll-up when keys would not be exact: hash the mapped code vectors and compare them in full. */
function rollUpByVectors(
  source: ClassEntries,
  levels: Int32Array,
  maps: Int32Array[],
  scratch: RollupScratch,
  withMapping: boolean,
): Rollup {
  const entryCount = source.entryCount;
  const mapped: Int32Array[] = maps.map((map, j) => {
    const out = new Int32Array(entryCount);
    const codes = source.codes[j];
    for (let e = 0; e < entryCount; e++) out[e] = map[codes[e]];
    return out;
  });
  const withSensitive = source.sensitive === null ? mapped : [...mapped, source.sensitive];
  const entryOfSource = new Int32Array(entryCount);
  const firstSource = new Int32Array(entryCount);
  const newEntryCount = groupVectors(withSensitive, entryCount, entryOfSource, firstSource);
  const counts = new Int32Array(newEntryCount);
  for (let e = 0; e < entryCount; e++) counts[entryOfSource[e]] += source.counts[e];
  const codes = mapped.map((column) => {
    const out = new Int32Array(newEntryCount);
    for (let e = 0; e < newEntryCount; e++) out[e] = column[firstSource[e]];
    return out;
  });
  let sensitive: Int32Array | null = null;
  let classOfEntry: Int32Array;
  let classCount: number;
  if (source.sensitive === null) {
    classOfEntry = scratch.identityOf(newEntryCount);
    classCount = newEntryCount;
  } else {
    sensitive = new Int32Array(newEntryCount);
    for (let e = 0; e < newEntryCount; e++) sensitive[e] = source.sensitive[firstSource[e]];
    classOfEntry = new Int32Array(newEntryCount);
    classCount = groupVectors(codes, newEntryCount, classOfEntry, null);
  }
  return {
    classes: finishClasses(levels, codes, sensitive, counts, classOfEntry, classCount),
    entryOfSource: withMapping ? entryOfSource : null,
  };
}

function groupVectors(
  columns: readonly Int32Array[],
  length: number,
  idOf: Int32Array,
  firstOf: Int32Array | null,
): number {
  let capacity = 16;
  while (capacity < length * 2) capacity *= 2;
  const mask = capacity - 1;
  const slotIds = new Int32Array(capacity).fill(-1);
  const firsts = new Int32Array(length);
  let next = 0;
  for (let i = 0; i < length; i++) {
    let h = 0x811c9dc5;
    for (const column of columns) h = Math.imul(h ^ column[i], 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & mask;
    for (;;) {
      const id = slotIds[slot];
      if (id === -1) {
        slotIds[slot] = next;
        firsts[next] = i;
        if (firstOf !== null) firstOf[next] = i;
        idOf[i] = next++;
        break;
      }
      const other = firsts[id];
      let equal = true;
      for (const column of columns)
        if (column[other] !== column[i]) {
          equal = false;
          break;
        }
      if (equal) {
        idOf[i] = id;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return next;
}
