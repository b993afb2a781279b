// `anonex search <file> --hierarchy col=file.csv …`: finds the optimal full-domain generalization
// (or a Mondrian partitioning) offline and prints issue #5's JSON shape; optionally writes the table.
// The search itself (encode → search → measure) is core's runSearch; this file reads the flags
// and the files, draws progress and writes the result.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { ReleaseContext } from '../../core/privacy/index.js';
import { RELEASE_CONTEXTS } from '../../core/privacy/index.js';
import type {
  HierarchySource,
  LDiversityModel,
  PrivacyCriteria,
  SearchMethod,
  SearchMetric,
  SearchProgress,
} from '../../core/search/index.js';
import { runSearch, SEARCH_METRICS, SearchError } from '../../core/search/index.js';
import { encodeTableChunks, readTable } from '../../core/table/index.js';
import { processIo, type CliIo } from '../cli-io.js';
import { createProgressBar, type ProgressStream } from '../progress.js';
import { formatSearch, toSearchJson } from './search-output.js';
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
  method: SearchMethod;
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

/**
 * Runs the command's work: reads the table and hierarchy files, runs the search in core, writes
 * the released table when asked; returns the JSON document it prints.
 */
export async function runSearchCommand(
  file: string,
  options: SearchCommandOptions,
  environment: SearchCommandEnvironment = defaultEnvironment,
): Promise<Record<string, unknown>> {
  const loaded = readTable(readBytes(file), { delimiter: options.delimiter });
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
  const quasiIdentifiers = qiNames.map((name) => ({
    name,
    hierarchy: hierarchySource(name, hierarchyFiles, bands),
  }));
  const bar = createProgressBar(
    environment.progressStream,
    options.method === 'mondrian' ? 'mondrian' : 'search',
    { force: false },
  );
  const { signal, dispose } = environment.createSignal();
  try {
    const run = await runSearch({
      table: loaded.table,
      tableName: file,
      quasiIdentifiers,
      sensitive: options.sensitive,
      criteria: toCriteria(options),
      method: options.method,
      metric: options.metric,
      suppressionLimit: options.suppression,
      clock: { nowMs: () => performance.now() },
      signal,
      onProgress: (progress: SearchProgress) =>
        bar.update(progress.settled, progress.latticeSize, `checked ${progress.checked}`),
    });
    if (options.out !== undefined && run.releasedTable !== null)
      writeOutput(
        options.out,
        encodeTableChunks(run.releasedTable(), formatOfPath(options.out), {
          delimiter: loaded.delimiter ?? ',',
        }),
      );
    return toSearchJson(run, { out: options.out ?? null, suppressionLimit: options.suppression });
  } finally {
    bar.finish();
    dispose();
  }
}

/** A quasi-identifier's hierarchy: its ARX file's text, or its band widths. */
function hierarchySource(
  name: string,
  hierarchyFiles: Readonly<Record<string, string>>,
  bands: Readonly<Record<string, number[]>>,
): HierarchySource {
  if (hierarchyFiles[name] !== undefined)
    return { kind: 'arx', text: new TextDecoder().decode(readBytes(hierarchyFiles[name])) };
  if (bands[name] !== undefined) return { kind: 'bands', widths: bands[name] };
  throw new SearchError(
    'search_invalid_input',
    `quasi-identifier ${name} has no hierarchy: give --hierarchy ${name}=<file> or --bands ${name}=<w1,w2,…>`,
    { details: { column: name } },
  );
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
      const json = await runSearchCommand(file, { ...options, delimiter }, environment);
      environment.io.out(options.json ? `${JSON.stringify(json)}\n` : formatSearch(json));
      if (json.method === 'optimal' && json.levels === null) process.exitCode = 1;
    });
}

export const registerSearchCommand = (program: Command): void => {
  program.addCommand(createSearchCommand());
};
