// `anonex evaluate <file> --qi a,b,c …`: measures k, l, t, δ, re-identification risk and the
// GB/T 42460 gate of a released table, offline, as issue #4 specifies the JSON shape.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { GeneralizationHierarchy } from '../../core/hierarchy/index.js';
import { parseHierarchy } from '../../core/hierarchy/index.js';
import type { ContextProbabilities, ReleaseContext, TDistance } from '../../core/privacy/index.js';
import {
  computeEquivalenceClasses,
  measureHierarchyUtility,
  measurePrivacyOfClasses,
  PrivacyError,
  RELEASE_CONTEXTS,
} from '../../core/privacy/index.js';
import type { DictionaryColumn, TableFormat, TextEncodingName } from '../../core/table/index.js';
import { encodeTableColumns } from '../../core/table/index.js';
import { processIo, type CliIo } from '../cli-io.js';
import { CommandExit, EXIT_STATUS } from '../exit-status.js';
import { formatEvaluation, toEvaluationJson } from './evaluate-output.js';
import {
  loadTableFile,
  parseDelimiterFlag,
  parseEncodingFlag,
  parseFormatFlag,
  readFileBytes,
} from './table-input.js';

const T_DISTANCES: readonly TDistance[] = ['equal', 'ordered', 'hierarchical'];

interface EvaluateOptions {
  qi: string[];
  sensitive?: string[];
  l?: number;
  tDistance?: Record<string, TDistance>;
  hierarchy?: Record<string, string>;
  population?: string;
  riskThreshold: number;
  delimiter?: string;
  encoding?: TextEncodingName;
  format?: TableFormat | 'auto';
  context: ReleaseContext;
  pr?: ContextProbabilities;
  gbtThreshold: number;
  samplingFraction?: number;
  json?: boolean;
}

/** Reads, encodes and measures; file access stays here so core/ remains pure. */
export function evaluateFile(file: string, options: EvaluateOptions): Record<string, unknown> {
  const flags = {
    delimiter: options.delimiter,
    encoding: options.encoding,
    format: options.format,
  };
  const table = loadTableFile(file, flags).table;
  const names = table.columnNames();
  const sensitiveNames = options.sensitive ?? [];
  for (const name of [...options.qi, ...sensitiveNames]) {
    if (!names.includes(name)) {
      throw new PrivacyError(
        'privacy_unknown_column',
        `${file} has no column ${JSON.stringify(name)}`,
        {
          details: { column: name, columns: names.length },
        },
      );
    }
  }
  const quasiIdentifiers = encodeTableColumns(table, options.qi);
  const hierarchies = new Map<string, GeneralizationHierarchy>();
  for (const [column, path] of Object.entries(options.hierarchy ?? {})) {
    hierarchies.set(column, parseHierarchy(new TextDecoder().decode(readFileBytes(path))));
  }
  const sensitive = encodeTableColumns(table, sensitiveNames).map((column: DictionaryColumn) => ({
    column,
    distance: options.tDistance?.[column.name],
    hierarchy: hierarchies.get(column.name),
    recursiveL: options.l,
  }));
  let population: DictionaryColumn[] | undefined;
  if (options.population !== undefined) {
    const populationTable = loadTableFile(options.population, flags).table;
    const missing = options.qi.find((name) => !populationTable.columnNames().includes(name));
    if (missing !== undefined) {
      throw new PrivacyError(
        'privacy_unknown_column',
        `population ${options.population} has no column ${JSON.stringify(missing)}`,
        {
          details: { column: missing },
        },
      );
    }
    population = encodeTableColumns(populationTable, options.qi);
  }
  const classes = computeEquivalenceClasses(quasiIdentifiers);
  const measurement = measurePrivacyOfClasses(classes, {
    quasiIdentifiers,
    sensitive,
    riskThreshold: options.riskThreshold,
    population,
    samplingFraction: options.samplingFraction,
    gbt42460: {
      context: options.context,
      probabilities: options.pr,
      riskThreshold: options.gbtThreshold,
    },
  });
  const generalized = quasiIdentifiers
    .filter((column) => hierarchies.has(column.name))
    .map((column) => ({ released: column, hierarchy: hierarchies.get(column.name)! }));
  const utility = generalized.length === 0 ? null : measureHierarchyUtility(generalized);
  return toEvaluationJson(measurement, utility);
}

function parseList(value: string): string[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === ''))
    throw new InvalidArgumentError('want comma-separated column names');
  return items;
}

function parseNumberIn(min: number, max: number, inclusiveMin: boolean): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (
      value.trim() === '' ||
      !Number.isFinite(number) ||
      number > max ||
      (inclusiveMin ? number < min : number <= min)
    ) {
      throw new InvalidArgumentError(`want a number in ${inclusiveMin ? '[' : '('}${min}, ${max}]`);
    }
    return number;
  };
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError('want an integer ≥ 1');
  return number;
}

function collectPairs<V>(parseValue: (value: string) => V) {
  return (value: string, previous: Record<string, V> | undefined): Record<string, V> => {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('want <column>=<value>');
    return { ...(previous ?? {}), [value.slice(0, at)]: parseValue(value.slice(at + 1)) };
  };
}

function parseDistance(value: string): TDistance {
  if (!(T_DISTANCES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`want one of ${T_DISTANCES.join(', ')}`);
  }
  return value as TDistance;
}

function parseProbabilities(value: string): ContextProbabilities {
  const parts = value.split(',').map(Number);
  if (parts.length !== 3 || parts.some((p) => !(p >= 0 && p <= 1))) {
    throw new InvalidArgumentError(
      'want three probabilities in [0, 1]: deliberate,inadvertent,breach',
    );
  }
  return { deliberateAttempt: parts[0], inadvertentAttempt: parts[1], breach: parts[2] };
}

export function createEvaluateCommand(io: CliIo = processIo): Command {
  return new Command('evaluate')
    .description(
      'Measure k-anonymity, l-diversity, t-closeness, δ-disclosure, re-identification risk and the GB/T 42460 gate of a table',
    )
    .argument('<file>', 'CSV, JSON Lines or Arrow file to evaluate')
    .requiredOption('--qi <columns>', 'quasi-identifier columns, comma-separated', parseList)
    .option('--sensitive <columns>', 'sensitive attributes, comma-separated', parseList)
    .option('--l <n>', 'l for the recursive (c,l) threshold (default 2)', parsePositiveInteger)
    .option(
      '--t-distance <column=distance>',
      't-closeness ground distance: equal, ordered or hierarchical (repeatable)',
      collectPairs(parseDistance),
    )
    .option(
      '--hierarchy <column=file>',
      'ARX hierarchy file for a column (repeatable)',
      collectPairs((v) => v),
    )
    .option('--population <file>', 'population table: journalist risk in the population model')
    .option(
      '--risk-threshold <x>',
      'record risk threshold, at risk when strictly above',
      parseNumberIn(0, 1, true),
      0.05,
    )
    .option(
      '--delimiter <d>',
      'CSV delimiter (default: sniffed among , ; tab |)',
      parseDelimiterFlag,
    )
    .option(
      '--encoding <name>',
      'text encoding (default: auto, UTF-8 or GB18030)',
      parseEncodingFlag,
    )
    .option('--format <format>', 'auto, csv, jsonl or arrow (default: sniffed)', parseFormatFlag)
    .addOption(
      new Option('--context <context>', 'GB/T 42460 release context')
        .choices(RELEASE_CONTEXTS)
        .default('public-release'),
    )
    .option(
      '--pr <d,i,b>',
      'probabilities of a deliberate attempt, an inadvertent attempt and a breach',
      parseProbabilities,
    )
    .option(
      '--gbt-threshold <x>',
      'GB/T 42460 pass threshold for R',
      parseNumberIn(0, 1, true),
      0.05,
    )
    .option(
      '--sampling-fraction <π>',
      'estimate population uniqueness (Zayatz) for this sampling fraction',
      parseNumberIn(0, 1, false),
    )
    .option('--json', 'print JSON')
    .action((file: string, options: EvaluateOptions) => {
      const json = evaluateFile(file, options);
      io.out(options.json ? `${JSON.stringify(json)}\n` : formatEvaluation(json));
      const gate = json.gbt42460 as {
        pass: boolean;
        level: string;
        R: number;
        threshold: number;
        context: string;
      };
      // Scripts and CI read the status: a release that fails the gate must not look like success.
      if (!gate.pass) {
        throw new CommandExit(
          `the GB/T 42460 gate fails: level ${gate.level}, R = ${gate.R.toFixed(4)} above the threshold ${gate.threshold} (${gate.context}) [exit ${EXIT_STATUS.gateFailed}]`,
          EXIT_STATUS.gateFailed,
        );
      }
    });
}

export const registerEvaluateCommand = (program: Command): void => {
  program.addCommand(createEvaluateCommand());
};
