// The AnonymizationEngine over the real engine: core/table reads, core/detect profiles,
// core/deid runs the pipeline and its gate, core/privacy and core/report measure and report.
import type { Clock } from '../../core/clock.js';
import { detectColumns, toChinaYmd } from '../../core/detect/index.js';
import { isAnonexError } from '../../core/errors.js';
import {
  readTable,
  toTextEncodingName,
  TableError,
  type LoadedTable,
  type TextEncodingName,
} from '../../core/table/index.js';
import { validationFailed } from '../errors.js';
import { parsePolicy } from '../../core/deid/index.js';
import { readHierarchies } from './core-pipeline.js';
import { runPipelineInWorker } from './pipeline-thread.js';
import {
  maskExample,
  type AnonymizationEngine,
  type AnonymizationInput,
  type AnonymizationResult,
  type ColumnProfile,
  type DatasetProfile,
  type ProgressUpdate,
  type TableInput,
} from './engine.js';

/** Distinct example values looked for per column, among the first rows only. */
const EXAMPLES_PER_COLUMN = 3;
const EXAMPLE_SCAN_ROWS = 1000;

export interface CoreEngineOptions {
  readonly clock: Clock;
  /** Where hierarchy files named by policies are resolved (policies/). */
  readonly policiesDirectory: string;
}

export class CoreAnonymizationEngine implements AnonymizationEngine {
  constructor(private readonly options: CoreEngineOptions) {}

  async profileDataset(input: TableInput): Promise<DatasetProfile> {
    const loaded = load(input);
    const detection = detectColumns(loaded.table, {
      todayYmd: toChinaYmd(this.options.clock.nowMs()),
    });
    const columns: ColumnProfile[] = detection.columns.map((column) => ({
      name: column.name,
      type: column.type,
      nulls: column.nulls,
      distinct: column.distinct,
      findings: column.findings.map((finding) => ({
        kind: finding.kind,
        match_rate: finding.match_rate,
        confidence: finding.confidence,
      })),
      direct_identifier: column.direct_identifier,
      examples: examplesOf(loaded, column.name).map((value) =>
        maskExample(value, column.direct_identifier),
      ),
    }));
    return { rows: detection.rows, encoding: loaded.encoding, columns };
  }

  async anonymize(
    input: AnonymizationInput,
    onProgress: (update: ProgressUpdate) => Promise<void>,
  ): Promise<AnonymizationResult> {
    await onProgress({ phase: 'loading', pct: 5 });
    const policy = parsePolicy(input.policyYaml, input.policySource);
    const hierarchies = await readHierarchies(policy, this.options.policiesDirectory);
    return runPipelineInWorker(
      { ...input, hierarchies, nowMs: this.options.clock.nowMs() },
      onProgress,
    );
  }

  async previewRows(input: TableInput, limit: number): Promise<Record<string, unknown>[]> {
    const { table } = load(input);
    return table.slice(0, limit).objects() as Record<string, unknown>[];
  }
}

/** Reads a table; malformed input becomes a 400 naming where it is malformed. */
function load(input: TableInput): LoadedTable {
  let encoding: TextEncodingName | undefined;
  if (input.encoding !== undefined) {
    try {
      encoding = toTextEncodingName(input.encoding);
    } catch (error) {
      throw asValidationError(error, 'encoding');
    }
  }
  try {
    return readTable(input.content, { format: input.format, encoding });
  } catch (error) {
    throw asValidationError(error, 'body');
  }
}

function asValidationError(error: unknown, field: string): unknown {
  if (!(error instanceof TableError) && !(isAnonexError(error) && error.area === 'table')) {
    return error;
  }
  const where = Object.entries(error.details)
    .filter(([, value]) => typeof value === 'number' || typeof value === 'string')
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
  return validationFailed(`the upload cannot be read: ${error.message}`, [
    { field, reason: `${error.code}: ${error.message}${where ? ` (${where})` : ''}` },
  ]);
}

function examplesOf(loaded: LoadedTable, column: string): string[] {
  const values = loaded.table.array(column) as ArrayLike<unknown>;
  const seen = new Set<string>();
  const end = Math.min(values.length, EXAMPLE_SCAN_ROWS);
  for (let row = 0; row < end && seen.size < EXAMPLES_PER_COLUMN; row++) {
    const value = values[row];
    if (value === null || value === undefined) continue;
    const text = String(value).trim();
    if (text.length > 0) seen.add(text);
  }
  return [...seen];
}
