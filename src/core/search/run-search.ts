// One whole search over a table, as `anonex search` runs it: encode the quasi-identifiers and the
// sensitive column, build their hierarchies, search (lattice optimum or Mondrian), measure what
// would be released and, on demand, build the released table. Table and hierarchy texts in,
// result out: the caller reads and writes the files.
import type { ColumnTable } from 'arquero';
import type { Clock } from '../clock.js';
import type { GeneralizationHierarchy } from '../hierarchy/index.js';
import { buildIntervalHierarchy, parseHierarchy } from '../hierarchy/index.js';
import type { HierarchyUtility, PrivacyMeasurement } from '../privacy/index.js';
import {
  computeEquivalenceClasses,
  measureHierarchyUtility,
  measurePrivacyOfClasses,
} from '../privacy/index.js';
import type { DictionaryColumn } from '../table/index.js';
import { decodeColumn, encodeColumn, toColumnTable } from '../table/index.js';
import { applyTransformation } from './apply-transformation.js';
import type { MondrianResult } from './mondrian.js';
import { partitionMondrian } from './mondrian.js';
import type { SearchOutcome, SearchProgress } from './optimal-search.js';
import { searchLattice } from './optimal-search.js';
import type { QuasiIdentifier } from './prepare-search.js';
import { prepareSearch } from './prepare-search.js';
import type { PrivacyCriteria } from './privacy-criteria.js';
import { SearchError } from './search-error.js';
import type { SearchMetric } from './search-metrics.js';

/** Where a quasi-identifier's hierarchy comes from: an ARX hierarchy file's text, or band widths. */
export type HierarchySource =
  | { readonly kind: 'arx'; readonly text: string }
  | { readonly kind: 'bands'; readonly widths: readonly number[] };

export type SearchMethod = 'optimal' | 'mondrian';

export interface SearchRunRequest {
  readonly table: ColumnTable;
  /** Names the table in error messages (the CLI passes the file's path). */
  readonly tableName: string;
  /** The quasi-identifiers in order, each with its hierarchy. */
  readonly quasiIdentifiers: readonly {
    readonly name: string;
    readonly hierarchy: HierarchySource;
  }[];
  /** The sensitive attribute l-diversity and t-closeness look at. */
  readonly sensitive?: string;
  readonly criteria: PrivacyCriteria;
  readonly method: SearchMethod;
  readonly metric: SearchMetric;
  /** Share of records the lattice search may suppress, 0..1 (Mondrian suppresses none). */
  readonly suppressionLimit: number;
  /** Times the search alone (preparation included; encoding and measuring excluded). */
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** Progress of the lattice search (Mondrian reports none). */
  readonly onProgress?: (progress: SearchProgress) => void;
}

/** The privacy module's full measurement of what would be released (issue #4 figures). */
export interface ReleaseMeasurement {
  readonly privacy: PrivacyMeasurement;
  /** Hierarchy utility of the chosen levels; null for Mondrian, whose loss is its metric. */
  readonly utility: HierarchyUtility | null;
}

interface SearchRunCommon {
  readonly quasiIdentifiers: readonly string[];
  readonly records: number;
  readonly elapsedMs: number;
  /** Null when nothing would be released (no transformation meets the criteria). */
  readonly measurement: ReleaseMeasurement | null;
  /**
   * The input table with the quasi-identifiers replaced by their released values, in the input's
   * column order; built only when called (decoding every row costs time). Null when nothing
   * would be released.
   */
  readonly releasedTable: (() => ColumnTable) | null;
}

export interface OptimalSearchRun extends SearchRunCommon {
  readonly method: 'optimal';
  readonly outcome: SearchOutcome;
}

export interface MondrianSearchRun extends SearchRunCommon {
  readonly method: 'mondrian';
  readonly partitioning: MondrianResult;
}

export type SearchRun = OptimalSearchRun | MondrianSearchRun;

/** What the search releases: the recoded quasi-identifiers and which records are suppressed. */
interface Released {
  readonly columns: readonly DictionaryColumn[];
  readonly suppressed: Uint8Array;
}

export async function runSearch(request: SearchRunRequest): Promise<SearchRun> {
  const { table, criteria, clock } = request;
  const names = request.quasiIdentifiers.map((qi) => qi.name);
  requireColumns(table, request.tableName, [
    ...names,
    ...(request.sensitive === undefined ? [] : [request.sensitive]),
  ]);
  const encode = columnEncoder(table);
  const quasiIdentifiers = request.quasiIdentifiers.map(({ name, hierarchy }): QuasiIdentifier => {
    const column = encode(name);
    return { column, hierarchy: buildHierarchy(column, hierarchy) };
  });
  const sensitive = request.sensitive === undefined ? undefined : encode(request.sensitive);
  const input = { quasiIdentifiers, sensitive };
  const started = clock.nowMs();

  if (request.method === 'mondrian') {
    const partitioning = partitionMondrian(input, {
      criteria,
      metric: request.metric,
      signal: request.signal,
    });
    const elapsedMs = clock.nowMs() - started;
    const released: Released = {
      columns: partitioning.columns,
      suppressed: new Uint8Array(partitioning.columns[0]?.codes.length ?? 0),
    };
    return {
      method: 'mondrian',
      partitioning,
      quasiIdentifiers: names,
      records: table.numRows(),
      elapsedMs,
      // Local recoding (Mondrian ranges) is not a hierarchy level: its loss is in the metric.
      measurement: measureRelease(released, criteria, sensitive, null),
      releasedTable: () => releasedTable(table, released),
    };
  }
  const prepared = prepareSearch(input);
  const outcome = await searchLattice(prepared, {
    criteria,
    suppressionLimit: request.suppressionLimit,
    metric: request.metric,
    signal: request.signal,
    onProgress: request.onProgress,
  });
  const elapsedMs = clock.nowMs() - started;
  const common = {
    method: 'optimal',
    outcome,
    quasiIdentifiers: names,
    records: prepared.recordCount,
    elapsedMs,
  } as const;
  const { levels } = outcome;
  if (levels === null) return { ...common, measurement: null, releasedTable: null };
  const released = applyTransformation(prepared, levels, criteria);
  return {
    ...common,
    measurement: measureRelease(released, criteria, sensitive, {
      hierarchies: quasiIdentifiers,
      levels,
    }),
    releasedTable: () => releasedTable(table, released),
  };
}

function requireColumns(table: ColumnTable, tableName: string, names: readonly string[]): void {
  const columnNames = table.columnNames();
  for (const name of names)
    if (!columnNames.includes(name))
      throw new SearchError(
        'search_invalid_input',
        `${tableName} has no column ${JSON.stringify(name)}`,
        { details: { column: name } },
      );
}

/** Encodes each column once, however many roles (quasi-identifier, sensitive) it plays. */
function columnEncoder(table: ColumnTable): (name: string) => DictionaryColumn {
  const columns = new Map<string, DictionaryColumn>();
  return (name) => {
    let column = columns.get(name);
    if (column === undefined) {
      column = encodeColumn(name, table.array(name) as ArrayLike<unknown>);
      columns.set(name, column);
    }
    return column;
  };
}

function buildHierarchy(
  column: DictionaryColumn,
  source: HierarchySource,
): GeneralizationHierarchy {
  return source.kind === 'arx'
    ? parseHierarchy(source.text)
    : buildIntervalHierarchy(column.dictionary, { widths: source.widths });
}

/** Measures the released table as `anonex evaluate` would (the class-size histogram included). */
function measureRelease(
  released: Released,
  criteria: PrivacyCriteria,
  sensitive: DictionaryColumn | undefined,
  generalization: {
    readonly hierarchies: readonly QuasiIdentifier[];
    readonly levels: readonly number[];
  } | null,
): ReleaseMeasurement {
  const classes = computeEquivalenceClasses(released.columns, { suppressed: released.suppressed });
  const privacy = measurePrivacyOfClasses(classes, {
    quasiIdentifiers: released.columns,
    sensitive:
      sensitive === undefined
        ? []
        : [
            {
              column: sensitive,
              recursiveL: criteria.l === undefined ? undefined : Math.ceil(criteria.l.l),
            },
          ],
    suppressed: released.suppressed,
    gbt42460: criteria.gbt42460,
  });
  if (generalization === null) return { privacy, utility: null };
  // Levels by column name, as the printed `levels` object holds them.
  const { hierarchies, levels } = generalization;
  const levelOf = new Map(hierarchies.map((qi, j) => [qi.column.name, levels[j]]));
  const utility = measureHierarchyUtility(
    released.columns.map((column, j) => ({
      released: column,
      hierarchy: hierarchies[j].hierarchy,
      level: levelOf.get(column.name) as number,
    })),
    released.suppressed,
  );
  return { privacy, utility };
}

/** The input table with each released quasi-identifier decoded in place of its column. */
function releasedTable(table: ColumnTable, released: Released): ColumnTable {
  const header = table.columnNames();
  const replaced = new Map(released.columns.map((column) => [column.name, decodeColumn(column)]));
  return toColumnTable(
    header,
    header.map((name) => replaced.get(name) ?? (table.array(name) as ArrayLike<unknown>)),
  );
}
