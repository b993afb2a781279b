// One release, as the CLI and the job service both run it: a fresh pseudonym key, the pipeline and
// its gate, the artifact written only when the gate passes, and the anonymization report.
import { createHash } from 'node:crypto';
import type { ColumnTable } from 'arquero';
import { toChinaYmd } from '../detect/detector.js';
import type { DetectionReport } from '../detect/detect-columns.js';
import type { AnonymizationReport } from '../report/index.js';
import {
  encodeTableChunks,
  isEncodedTable,
  type EncodedTable,
  type TableFormat,
} from '../table/index.js';
import { DeidError } from './errors.js';
import { describeRefusal, type GateVerdict } from './gate/refusal.js';
import { runPipeline } from './pipeline.js';
import type { PipelineProgress, PipelineResult } from './pipeline-types.js';
import type { Policy } from './policy.js';
import { buildRunReport, type RunReportContext } from './run-report.js';

/** GB/T 42460 identifiability level of a release. */
export type IdentifiabilityLevel = 'L1' | 'L2' | 'L3' | 'L4';

export interface ReleaseRequest {
  /** The input: an arquero table, or one read with toInputPlan(policy) (see runPipeline). */
  readonly table: ColumnTable | EncodedTable;
  readonly policy: Policy;
  /** SHA-256 (hex) of the policy file's text, pinned by the report. */
  readonly policySha256: string;
  /** Hierarchy file texts keyed by the path written in the policy. */
  readonly hierarchies: Readonly<Record<string, string>>;
  /** Seeds noise, date shifts and synthetic values; never the pseudonym key. */
  readonly seed: number;
  /** The run's "now": the report's time and the day birth dates must not follow. */
  readonly nowMs: number;
  /** The raw input as read (the table gives rows and column names). */
  readonly input: { readonly sha256: string; readonly format?: string; readonly encoding?: string };
  readonly artifact: {
    readonly format: TableFormat;
    /** Prefix CSV cells starting with = + - @ with `'` (spreadsheet formula injection). */
    readonly formulaGuard: boolean;
    readonly bom?: boolean;
  };
  readonly software: RunReportContext['software'];
  readonly onProgress?: (progress: PipelineProgress) => void;
  readonly signal?: AbortSignal;
}

/** What a release needs from the world: secure randomness and a place for the artifact's bytes. */
export interface ReleaseWorld {
  /** Cryptographically secure random bytes (node:crypto randomBytes, or a seeded stand-in in tests). */
  readonly randomBytes: (length: number) => Uint8Array;
  /**
   * Stores the artifact from its chunks (a large table's bytes never exist whole) and returns
   * their SHA-256 in lower-case hex. Called once, and only when the gate passes.
   */
  readonly writeArtifact: (chunks: Iterable<Uint8Array>) => { readonly sha256: string };
}

export interface Release {
  readonly result: PipelineResult;
  readonly report: AnonymizationReport;
  /** The artifact written; undefined when the gate refused and nothing was written. */
  readonly output:
    { readonly rows: number; readonly columns: string[]; readonly sha256: string } | undefined;
  readonly level: IdentifiabilityLevel;
}

/**
 * Runs one release. The pseudonym key is fresh randomness from `world`, never derived from the
 * seed, never returned, and wiped when the pipeline ends (Art. 29: nobody, not even the exchange,
 * can link a pseudonym back). A refusal is not an exception: `release.output` is undefined and the
 * report says why; `toGateRefusedError` turns it into the typed error callers throw.
 */
export function runRelease(request: ReleaseRequest, world: ReleaseWorld): Release {
  const { table, policy } = request;
  const pseudonymKey = world.randomBytes(32);
  let result: PipelineResult;
  try {
    result = runPipeline(table, policy, {
      seed: request.seed,
      todayYmd: toChinaYmd(request.nowMs),
      hierarchies: request.hierarchies,
      pseudonymKey,
      // A listing's row order comes from the CSPRNG and is never stored: nobody can undo it.
      ...(policy.mode === 'listing' ? { rowOrderRandomBytes: world.randomBytes } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } finally {
    pseudonymKey.fill(0);
  }
  let output: Release['output'];
  if (result.verdict.pass && result.output) {
    const written = world.writeArtifact(
      encodeTableChunks(result.output, request.artifact.format, {
        formulaGuard: request.artifact.formulaGuard,
        bom: request.artifact.bom,
      }),
    );
    output = {
      rows: result.output.numRows(),
      columns: result.output.columnNames(),
      sha256: written.sha256,
    };
  }
  const report = buildRunReport(result, {
    generatedAtMs: request.nowMs,
    software: request.software,
    input: {
      rows: isEncodedTable(table) ? table.rows : table.numRows(),
      columns: isEncodedTable(table) ? [...table.names] : table.columnNames(),
      sha256: request.input.sha256,
      ...(request.input.format === undefined ? {} : { format: request.input.format }),
      ...(request.input.encoding === undefined ? {} : { encoding: request.input.encoding }),
    },
    policy,
    policySha256: request.policySha256,
    ...(output ? { output } : {}),
  });
  return { result, report, output, level: identifiabilityLevel(result) };
}

/**
 * The typed error for a refused release (`deid_gate_refused`), one issue per refusal naming its
 * column (or kind) and reason; never a data value.
 */
export function toGateRefusedError(verdict: GateVerdict, message: string): DeidError {
  return new DeidError('deid_gate_refused', message, {
    details: { refusals: verdict.refusals.length, stage: verdict.stage },
    issues: verdict.refusals.map((r) => ({
      field: 'column' in r ? r.column : r.kind,
      reason: describeRefusal(r),
    })),
  });
}

/**
 * An artifact sink in memory, hashed as the chunks arrive: `bytes()` joins them (a copy),
 * `chunks()` hands them over as they are (a store can write them without the copy).
 */
export function collectArtifact(): ReleaseWorld['writeArtifact'] & {
  bytes: () => Uint8Array;
  chunks: () => Uint8Array[];
} {
  const chunks: Uint8Array[] = [];
  const sink = (parts: Iterable<Uint8Array>) => {
    const hash = createHash('sha256');
    for (const chunk of parts) {
      hash.update(chunk);
      chunks.push(chunk);
    }
    return { sha256: hash.digest('hex') };
  };
  return Object.assign(sink, { bytes: () => Buffer.concat(chunks), chunks: () => chunks });
}

/**
 * GB/T 42460 level: measured by core/privacy when the policy states privacy requirements;
 * otherwise L1 if a direct identifier remains, L4 when no quasi-identifier is released, and L2
 * (not listable) when quasi-identifiers are released unmeasured.
 */
export function identifiabilityLevel(result: PipelineResult): IdentifiabilityLevel {
  if (result.privacy) return result.privacy.gbt42460.level;
  if (hasDirectIdentifier(result.findingsAfter)) return 'L1';
  return Object.values(result.roles).includes('quasi') ? 'L2' : 'L4';
}

function hasDirectIdentifier(report: DetectionReport | undefined): boolean {
  return report?.columns.some((column) => column.direct_identifier) ?? true;
}
