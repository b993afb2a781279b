// Validates a search's input once and derives what every node evaluation shares: the input's
// distinct (QI leaves, sensitive value) entries, level maps, metric tables, sensitive shares.
import type { GeneralizationHierarchy } from '../hierarchy/index.js';
import { toLeafCodes } from '../hierarchy/index.js';
import { computeEquivalenceClasses } from '../privacy/index.js';
import { rankValues } from '../privacy/t-closeness.js';
import type { DictionaryColumn } from '../table/dictionary-column.js';
import type { ClassEntries, RollupContext } from './node-classes.js';
import { RollupScratch } from './node-classes.js';
import type { SensitiveProfile } from './node-verdict.js';
import type { MetricTables } from './search-metrics.js';
import { SearchError } from './search-error.js';

/** One quasi-identifier: its dictionary-encoded column and its generalization hierarchy. */
export interface QuasiIdentifier {
  readonly column: DictionaryColumn;
  readonly hierarchy: GeneralizationHierarchy;
}

export interface SearchInput {
  readonly quasiIdentifiers: readonly QuasiIdentifier[];
  /** The sensitive attribute l-diversity and t-closeness look at. */
  readonly sensitive?: DictionaryColumn;
}

export interface PreparedSearch {
  readonly names: readonly string[];
  readonly hierarchies: readonly GeneralizationHierarchy[];
  /** Per QI, dictionary code → leaf code. */
  readonly leafCodes: readonly Int32Array[];
  /** Per QI, the input column's row codes (dictionary codes). */
  readonly rowCodes: readonly Int32Array[];
  readonly recordCount: number;
  /** The input's distinct (QI leaf codes, sensitive value) combinations with their counts. */
  readonly entries: ClassEntries;
  /** Row → index of its entry in `entries`. */
  readonly entryOfRecord: Int32Array;
  readonly context: RollupContext;
  readonly tables: MetricTables;
  readonly sensitiveProfile: SensitiveProfile | null;
}

/** Requires QI columns of equal length with every value in its hierarchy (else typed errors). */
export function prepareSearch(input: SearchInput): PreparedSearch {
  const { quasiIdentifiers, sensitive } = input;
  const names = quasiIdentifiers.map((qi) => qi.column.name);
  const recordCount = quasiIdentifiers[0]?.column.codes.length ?? sensitive?.codes.length ?? 0;
  for (const qi of quasiIdentifiers)
    if (qi.column.codes.length !== recordCount)
      throw new SearchError(
        'search_invalid_input',
        `column ${qi.column.name} has ${qi.column.codes.length} rows, want ${recordCount}`,
        {
          details: { column: qi.column.name, got: qi.column.codes.length, want: recordCount },
        },
      );
  if (sensitive !== undefined && sensitive.codes.length !== recordCount)
    throw new SearchError(
      'search_invalid_input',
      `sensitive column has ${sensitive.codes.length} rows, want ${recordCount}`,
      {
        details: { column: sensitive.name, got: sensitive.codes.length, want: recordCount },
      },
    );
  if (new Set(names).size !== names.length)
    throw new SearchError('search_invalid_input', 'a quasi-identifier is listed twice', {
      details: { names },
    });
  if (sensitive !== undefined && names.includes(sensitive.name))
    throw new SearchError(
      'search_invalid_input',
      `column ${sensitive.name} cannot be both quasi-identifier and sensitive`,
      {
        details: { column: sensitive.name },
      },
    );
  const hierarchies = quasiIdentifiers.map((qi) => qi.hierarchy);
  const leafCodes = quasiIdentifiers.map((qi) =>
    toLeafCodes(qi.hierarchy, qi.column.dictionary, qi.column.name),
  );

  // The shared counting primitive groups the rows once; every node is then a roll-up of these entries.
  const grouped = computeEquivalenceClasses(
    sensitive === undefined
      ? quasiIdentifiers.map((qi) => qi.column)
      : [...quasiIdentifiers.map((qi) => qi.column), sensitive],
  );
  const entryCount = grouped.classCount;
  const firsts = grouped.firstRecordOfClass;
  const codes = quasiIdentifiers.map((qi, j) => {
    const out = new Int32Array(entryCount);
    const leaves = leafCodes[j];
    const rowCodes = qi.column.codes;
    for (let e = 0; e < entryCount; e++) out[e] = leaves[rowCodes[firsts[e]]];
    return out;
  });
  let entrySensitive: Int32Array | null = null;
  if (sensitive !== undefined) {
    entrySensitive = new Int32Array(entryCount);
    for (let e = 0; e < entryCount; e++) entrySensitive[e] = sensitive.codes[firsts[e]];
  }
  const entries: ClassEntries = {
    levels: new Int32Array(quasiIdentifiers.length),
    entryCount,
    codes,
    sensitive: entrySensitive,
    counts: grouped.classSizes,
  };
  return {
    names,
    hierarchies,
    leafCodes,
    rowCodes: quasiIdentifiers.map((qi) => qi.column.codes),
    recordCount,
    entries,
    entryOfRecord: grouped.classOfRecord,
    context: createRollupContext(hierarchies, sensitive?.dictionary.length ?? 1),
    tables: buildMetricTables(quasiIdentifiers, leafCodes, recordCount),
    sensitiveProfile: sensitive === undefined ? null : buildSensitiveProfile(sensitive),
  };
}

function createRollupContext(
  hierarchies: readonly GeneralizationHierarchy[],
  sensitiveCardinality: number,
): RollupContext {
  const cardinalities = hierarchies.map((hierarchy) =>
    Int32Array.from(hierarchy.levels, (labels) => labels.length),
  );
  const cache = hierarchies.map((hierarchy) =>
    Array.from({ length: hierarchy.height * hierarchy.height }, (): Int32Array | null => null),
  );
  return {
    cardinalities,
    sensitiveCardinality,
    scratch: new RollupScratch(),
    levelMap(attribute, from, to) {
      const hierarchy = hierarchies[attribute];
      const slot = from * hierarchy.height + to;
      let map = cache[attribute][slot];
      if (map === null) {
        // Consistent parents (checked when the hierarchy was built) make this a function.
        map = new Int32Array(hierarchy.levels[from].length);
        const fromMap = hierarchy.toLevel[from];
        const toMap = hierarchy.toLevel[to];
        for (let leaf = 0; leaf < fromMap.length; leaf++) map[fromMap[leaf]] = toMap[leaf];
        cache[attribute][slot] = map;
      }
      return map;
    },
  };
}

function buildMetricTables(
  quasiIdentifiers: readonly QuasiIdentifier[],
  leafCodes: readonly Int32Array[],
  recordCount: number,
): MetricTables {
  const heights = Int32Array.from(quasiIdentifiers, (qi) => qi.hierarchy.height);
  const totalLeaves = Int32Array.from(quasiIdentifiers, (qi) => qi.hierarchy.levels[0].length);
  const leafExcess = quasiIdentifiers.map(({ hierarchy }) =>
    hierarchy.leafCounts.map((counts) => counts.map((count) => count - 1)),
  );
  const levelExcess: Float64Array[] = [];
  const distinctInData: Int32Array[] = [];
  const maxExcessInData: Int32Array[] = [];
  quasiIdentifiers.forEach(({ column, hierarchy }, j) => {
    const valueCounts = new Float64Array(column.dictionary.length);
    for (let row = 0; row < column.codes.length; row++) valueCounts[column.codes[row]]++;
    const excess = new Float64Array(hierarchy.height);
    const distinct = new Int32Array(hierarchy.height);
    const maxExcess = new Int32Array(hierarchy.height);
    for (let level = 0; level < hierarchy.height; level++) {
      const present = new Uint8Array(hierarchy.levels[level].length);
      for (let code = 0; code < valueCounts.length; code++) {
        if (valueCounts[code] === 0) continue;
        const label = hierarchy.toLevel[level][leafCodes[j][code]];
        excess[level] += valueCounts[code] * leafExcess[j][level][label];
        if (leafExcess[j][level][label] > maxExcess[level])
          maxExcess[level] = leafExcess[j][level][label];
        if (present[label] === 0) {
          present[label] = 1;
          distinct[level]++;
        }
      }
    }
    levelExcess.push(excess);
    distinctInData.push(distinct);
    maxExcessInData.push(maxExcess);
  });
  return {
    recordCount,
    heights,
    totalLeaves,
    leafExcess,
    levelExcess,
    distinctInData,
    maxExcessInData,
  };
}

function buildSensitiveProfile(sensitive: DictionaryColumn): SensitiveProfile {
  const counts = new Int32Array(sensitive.dictionary.length);
  for (let row = 0; row < sensitive.codes.length; row++) counts[sensitive.codes[row]]++;
  const total = sensitive.codes.length;
  const shares = Float64Array.from(counts, (count) => (total === 0 ? 0 : count / total));
  const ranks = rankValues(sensitive.dictionary, counts);
  let distinctCount = 0;
  for (let code = 0; code < counts.length; code++) if (counts[code] > 0) distinctCount++;
  const sharesByRank = new Float64Array(distinctCount);
  for (let code = 0; code < counts.length; code++)
    if (ranks[code] >= 0) sharesByRank[ranks[code]] = shares[code];
  return { shares, ranks, sharesByRank, distinctCount };
}
