// `anonex search <file> --hierarchy col=file.csv …`: finds the optimal full-domain generalization
// (or a Mondrian partitioning) offline and prints issue #5's JSON shape; optionally writes the table.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { GeneralizationHierarchy } from '../../core/hierarchy/index.js';
import { buildIntervalHierarchy, parseHierarchy } from '../../core/hierarchy/index.js';
import type { ReleaseContext } from '../../core/privacy/index.js';
import {
  computeEquivalenceClasses,
  measureHierarchyUtility,
  measurePrivacyOfClasses,
  RELEASE_CONTEXTS,
} from '../../core/privacy/index.js';
import type {
  LDiversityModel,
  PrivacyCriteria,
  SearchMetric,
  SearchProgress,
} from '../../core/search/index.js';
import {
  applyTransformation,
  partitionMondrian,
  prepareSearch,
  SEARCH_METRICS,
  searchLattice,
  SearchError,
  TIE_RULE,
} from '../../core/search/index.js';
import type { DictionaryColumn } from '../../core/table/index.js';
import {
  decodeColumn,
  encodeColumn,
  encodeTableChunks,
  readTable,
  toColumnTable,
} from '../../core/table/index.js';
import { processIo, type CliIo } from '../cli-io.js';
import { createProgressBar, type ProgressStream } from '../progress.js';
import { toEvaluationJson } from './evaluate.js';
import { formatOfPath } from './table-input.js';
import { writeChunksAtomically } from './table-output.js';

interface SearchCommandOptions {
  hierarchy?: Record<string, string>;
  bands?: Record<string, number[]>;
  qi?: string[];
  sensitive?: string;
  k: number;
  l?: number;
  lModel: LDiversityModel;
  c?: number;
  t?: number;
  tDistance: 'equal' | 'ordered';
  riskThreshold?: number;
  context?: ReleaseContext;
  suppression: number;
  metric: SearchMetric;
  method: 'optimal' | 'mondrian';
  out?: string;
  delimiter?: string;
  json?: boolean;
  progress: boolean;
}

/** What the command needs from the outside world besides stdout/stderr. */
export interface SearchCommandEnvironment {
  readonly io: CliIo;
  /** Where the progress bar draws (stderr). */
  readonly progressStream: ProgressStream;
  /** Aborted on SIGINT by default; tests abort it themselves. */
  readonly createSignal: () => { signal: AbortSignal; dispose: () => void };
}

const defaultEnvironment: SearchCommandEnvironment = {
  io: processIo,
  progressStream: process.stderr,
  createSignal: () => {
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.once('SIGINT', onInterrupt);
    return {
      signal: controller.signal,
      dispose: () => process.removeListener('SIGINT', onInterrupt),
    };
  },
};

/** Runs the command's work; returns the JSON document it prints. */
export async function runSearch(
  file: string,
  options: SearchCommandOptions,
  environment: SearchCommandEnvironment = defaultEnvironment,
): Promise<Record<string, unknown>> {
  const loaded = readTable(readBytes(file), { delimiter: options.delimiter });
  const table = loaded.table;
  const columnNames = table.columnNames();
  const hierarchyFiles = options.hierarchy ?? {};
  const bands = options.bands ?? {};
  const qiNames = options.qi ?? [
    ...Object.keys(hierarchyFiles),
    ...Object.keys(bands).filter((name) => !(name in hierarchyFiles)),
  ];
  if (qiNames.length === 0)
    throw new SearchError(
      'search_invalid_input',
      'no quasi-identifiers: give --hierarchy <col>=<file> (or --bands) for each',
    );
  for (const name of [...qiNames, ...(options.sensitive === undefined ? [] : [options.sensitive])])
    if (!columnNames.includes(name))
      throw new SearchError(
        'search_invalid_input',
        `${file} has no column ${JSON.stringify(name)}`,
        { details: { column: name } },
      );
  const columns = new Map<string, DictionaryColumn>();
  const encode = (name: string): DictionaryColumn => {
    let column = columns.get(name);
    if (column === undefined) {
      column = encodeColumn(name, table.array(name) as ArrayLike<unknown>);
      columns.set(name, column);
    }
    return column;
  };
  const quasiIdentifiers = qiNames.map((name) => {
    const column = encode(name);
    let hierarchy: GeneralizationHierarchy;
    if (hierarchyFiles[name] !== undefined)
      hierarchy = parseHierarchy(new TextDecoder().decode(readBytes(hierarchyFiles[name])));
    else if (bands[name] !== undefined)
      hierarchy = buildIntervalHierarchy(column.dictionary, { widths: bands[name] });
    else
      throw new SearchError(
        'search_invalid_input',
        `quasi-identifier ${name} has no hierarchy: give --hierarchy ${name}=<file> or --bands ${name}=<w1,w2,…>`,
        {
          details: { column: name },
        },
      );
    return { column, hierarchy };
  });
  const sensitive = options.sensitive === undefined ? undefined : encode(options.sensitive);
  const criteria = toCriteria(options);
  const bar = createProgressBar(
    environment.progressStream,
    options.method === 'mondrian' ? 'mondrian' : 'search',
    { force: false },
  );
  const { signal, dispose } = environment.createSignal();
  const started = performance.now();
  try {
    const input = { quasiIdentifiers, sensitive };
    let json: Record<string, unknown>;
    let released: { columns: readonly DictionaryColumn[]; suppressed: Uint8Array } | null;
    if (options.method === 'mondrian') {
      const result = partitionMondrian(input, { criteria, metric: options.metric, signal });
      const elapsedMs = performance.now() - started;
      released = {
        columns: result.columns,
        suppressed: new Uint8Array(result.columns[0]?.codes.length ?? 0),
      };
      json = {
        levels: null,
        suppressed: 0,
        classes: result.partitionCount,
        min_class: result.minClassSize,
        metric: { name: options.metric, value: result.value },
        optimal: false,
        checked: result.splitsTried,
        elapsed_ms: Math.round(elapsedMs * 10) / 10,
        method: 'mondrian',
        records: table.numRows(),
        quasi_identifiers: qiNames,
        out: options.out ?? null,
      };
    } else {
      const prepared = prepareSearch(input);
      const outcome = await searchLattice(prepared, {
        criteria,
        suppressionLimit: options.suppression,
        metric: options.metric,
        signal,
        onProgress: (progress: SearchProgress) =>
          bar.update(progress.settled, progress.latticeSize, `checked ${progress.checked}`),
      });
      const elapsedMs = performance.now() - started;
      const applied =
        outcome.levels === null ? null : applyTransformation(prepared, outcome.levels, criteria);
      released = applied;
      json = {
        levels:
          outcome.levels === null
            ? null
            : Object.fromEntries(qiNames.map((name, j) => [name, (outcome.levels as number[])[j]])),
        suppressed: outcome.suppressedCount,
        classes: outcome.classCount,
        min_class: outcome.minClassSize,
        metric: { name: outcome.metric, value: outcome.value },
        optimal: outcome.optimal,
        checked: outcome.checked,
        elapsed_ms: Math.round(elapsedMs * 10) / 10,
        method: 'optimal',
        found: outcome.levels !== null,
        records: prepared.recordCount,
        quasi_identifiers: qiNames,
        pruned: outcome.pruned,
        pruned_by_monotonicity: outcome.prunedByMonotonicity,
        pruned_by_bound: outcome.prunedByBound,
        lattice_size: outcome.latticeSize,
        suppression_limit: options.suppression,
        max_suppressed: outcome.maxSuppressed,
        tie_rule: TIE_RULE,
        out: options.out ?? null,
      };
    }
    if (released !== null) {
      // The privacy module's full measurement of what would be released (issue #4 figures).
      const classes = computeEquivalenceClasses(released.columns, {
        suppressed: released.suppressed,
      });
      const measurement = measurePrivacyOfClasses(classes, {
        quasiIdentifiers: released.columns,
        sensitive:
          sensitive === undefined
            ? []
            : [
                {
                  column: sensitive,
                  recursiveL: options.l === undefined ? undefined : Math.ceil(options.l),
                },
              ],
        suppressed: released.suppressed,
        gbt42460: options.context === undefined ? undefined : { context: options.context },
      });
      const levels = json.levels as Record<string, number> | null;
      // Local recoding (Mondrian ranges) is not a hierarchy level: its loss is in `metric`.
      const utility =
        levels === null
          ? null
          : measureHierarchyUtility(
              released.columns.map((column, j) => ({
                released: column,
                hierarchy: quasiIdentifiers[j].hierarchy,
                level: levels[column.name],
              })),
              released.suppressed,
            );
      // The class-size histogram (one row per distinct size) belongs in the report, not here.
      const { class_size_histogram: _histogram, ...figures } = toEvaluationJson(
        measurement,
        utility,
      );
      json.measurement = figures;
    }
    if (options.out !== undefined && released !== null) {
      const header = columnNames;
      const replaced = new Map(
        released.columns.map((column) => [column.name, decodeColumn(column)]),
      );
      const output = toColumnTable(
        header,
        header.map((name) => replaced.get(name) ?? (table.array(name) as ArrayLike<unknown>)),
      );
      writeOutput(
        options.out,
        encodeTableChunks(output, formatOfPath(options.out), {
          delimiter: loaded.delimiter ?? ',',
        }),
      );
    }
    return json;
  } finally {
    bar.finish();
    dispose();
  }
}

function toCriteria(options: SearchCommandOptions): PrivacyCriteria {
  return {
    k: options.k,
    l: options.l === undefined ? undefined : { model: options.lModel, l: options.l, c: options.c },
    t: options.t === undefined ? undefined : { t: options.t, distance: options.tDistance },
    prosecutorRiskThreshold: options.riskThreshold,
    gbt42460: options.context === undefined ? undefined : { context: options.context },
  };
}

function writeOutput(path: string, chunks: Iterable<Uint8Array>): void {
  try {
    writeChunksAtomically(path, chunks);
  } catch (error) {
    throw new SearchError('search_invalid_input', `cannot write ${path}`, {
      details: { path, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' },
      cause: error,
    });
  }
}

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new SearchError('search_invalid_input', `cannot read ${path}`, {
      details: { path, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' },
      cause: error,
    });
  }
}

/** Terminal summary (without --json). */
export function formatSearch(json: Record<string, unknown>): string {
  const metric = json.metric as { name: string; value: number | null };
  const levels = json.levels as Record<string, number> | null;
  const lines: string[] = [];
  if (json.method === 'mondrian')
    lines.push(`Mondrian: ${String(json.classes)} partitions, smallest ${String(json.min_class)}`);
  else if (levels === null)
    lines.push('no transformation meets the criteria within the suppression limit');
  else
    lines.push(
      `optimal levels: ${Object.entries(levels)
        .map(([name, level]) => `${name}=${level}`)
        .join(' ')}`,
      `suppressed ${String(json.suppressed)} of ${String(json.records)}, ${String(json.classes)} classes, smallest ${String(json.min_class)}`,
      `checked ${String(json.checked)} of ${String(json.lattice_size)} nodes (${String(json.pruned_by_monotonicity)} settled by monotonicity, ${String(json.pruned_by_bound)} by the bound)`,
    );
  if (metric.value !== null) lines.push(`${metric.name} = ${metric.value.toFixed(6)}`);
  lines.push(
    `${String(json.elapsed_ms)} ms${json.out === null ? '' : `, written to ${String(json.out)}`}`,
  );
  return `${lines.join('\n')}\n`;
}

function parseNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !(number >= min && number <= max))
      throw new InvalidArgumentError(`want a number in [${min}, ${max}]`);
    return number;
  };
}

function parseInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError('want an integer ≥ 1');
  return number;
}

function parseList(value: string): string[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === ''))
    throw new InvalidArgumentError('want comma-separated column names');
  return items;
}

function collectPairs<V>(parseValue: (value: string) => V) {
  return (value: string, previous: Record<string, V> | undefined): Record<string, V> => {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('want <column>=<value>');
    return { ...(previous ?? {}), [value.slice(0, at)]: parseValue(value.slice(at + 1)) };
  };
}

function parseWidths(value: string): number[] {
  const widths = value.split(',').map(Number);
  if (widths.some((width) => !(width > 0)))
    throw new InvalidArgumentError('want band widths, e.g. 5,10,20');
  return widths;
}

export function createSearchCommand(
  environment: SearchCommandEnvironment = defaultEnvironment,
): Command {
  return new Command('search')
    .description(
      'Find the optimal generalization (lattice search with suppression) or a Mondrian partitioning',
    )
    .argument('<file>', 'CSV, JSON Lines or Arrow file')
    .option(
      '--hierarchy <column=file>',
      'ARX hierarchy file for a quasi-identifier (repeatable)',
      collectPairs((v) => v),
    )
    .option(
      '--bands <column=w1,w2,…>',
      'interval hierarchy from nested band widths for a numeric column (repeatable)',
      collectPairs(parseWidths),
    )
    .option(
      '--qi <columns>',
      'quasi-identifiers (default: the columns given a hierarchy)',
      parseList,
    )
    .option('--sensitive <column>', 'sensitive attribute for l-diversity and t-closeness')
    .option('--k <k>', 'k-anonymity', parseInteger, 5)
    .option('--l <l>', 'l-diversity of the sensitive attribute', parseNumber(1, 1e9))
    .addOption(
      new Option('--l-model <model>', 'l-diversity model')
        .choices(['distinct', 'entropy', 'recursive'])
        .default('distinct'),
    )
    .option('--c <c>', 'c of recursive (c,l)-diversity', parseNumber(0, 1e9))
    .option('--t <t>', 't-closeness of the sensitive attribute', parseNumber(0, 1))
    .addOption(
      new Option('--t-distance <distance>', 't-closeness ground distance')
        .choices(['equal', 'ordered'])
        .default('equal'),
    )
    .option('--risk-threshold <x>', 'highest prosecutor risk allowed', parseNumber(0, 1))
    .addOption(
      new Option('--context <context>', 'GB/T 42460 release context').choices(RELEASE_CONTEXTS),
    )
    .option(
      '--suppression <share>',
      'share of records that may be suppressed',
      parseNumber(0, 1),
      0,
    )
    .addOption(
      new Option('--metric <metric>', 'utility metric to minimize')
        .choices(SEARCH_METRICS)
        .default('loss'),
    )
    .addOption(
      new Option('--method <method>', 'full-domain optimum or Mondrian')
        .choices(['optimal', 'mondrian'])
        .default('optimal'),
    )
    .option('--out <file>', 'write the generalized table (.csv, .jsonl, .arrow)')
    .option('--delimiter <d>', 'CSV delimiter (default: sniffed)')
    .option('--json', 'print JSON')
    .action(async (file: string, options: SearchCommandOptions) => {
      const delimiter =
        options.delimiter === '\\t' || options.delimiter === 'tab' ? '\t' : options.delimiter;
      const json = await runSearch(file, { ...options, delimiter }, environment);
      environment.io.out(options.json ? `${JSON.stringify(json)}\n` : formatSearch(json));
      if (json.method === 'optimal' && json.levels === null) process.exitCode = 1;
    });
}

export const registerSearchCommand = (program: Command): void => {
  program.addCommand(createSearchCommand());
};
