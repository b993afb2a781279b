// Runs a listing policy through the real engine: core/table reads the raw content, core/deid runs
// the pipeline and its Art. 29 gate (which measures with core/privacy), core/report writes the report.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { toChinaYmd, type DetectionReport } from '../../core/detect/index.js';
import {
  buildRunReport,
  DeidError,
  describeRefusal,
  hierarchyFiles,
  parsePolicy,
  runPipeline,
  type PipelineResult,
  type PipelineStage,
  type Policy,
} from '../../core/deid/index.js';
import { renderReportHtml } from '../../core/report/index.js';
import { readTable, toTextEncodingName, writeTable } from '../../core/table/index.js';
import type {
  AnonymizationInput,
  AnonymizationResult,
  ProgressUpdate,
} from './anonymization-engine.js';

const SOFTWARE = { name: 'anonex', version: '0.1.0' } as const;

const sha256Hex = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

/** What one run needs, all plain data so it can cross into a worker thread. */
export interface PipelineRequest extends AnonymizationInput {
  /** Hierarchy file texts by the path the policy names (read on the main thread). */
  readonly hierarchies: Readonly<Record<string, string>>;
  /** The run's "now" (report time, birth dates not in the future). */
  readonly nowMs: number;
}

/** runPipeline's stages mapped onto the job's phases and overall percentages. */
const STAGE_PROGRESS: Readonly<
  Record<PipelineStage, readonly [ProgressUpdate['phase'], number, number]>
> = {
  detect: ['detecting', 15, 30],
  transform: ['transforming', 30, 55],
  search: ['transforming', 55, 65],
  suppress: ['transforming', 65, 70],
  measure: ['measuring', 70, 80],
  gate: ['measuring', 80, 85],
  output: ['measuring', 85, 88],
};

/**
 * Runs `request.policyYaml` over the raw table, synchronously (the job runner calls it in a worker
 * thread, see engine-thread.ts). A refusal of the gate throws `deid_gate_refused` naming each
 * column, detector and count; nothing is produced for it.
 */
export function anonymizeTable(
  request: PipelineRequest,
  onProgress: (update: ProgressUpdate) => void,
): AnonymizationResult {
  const input = request;
  const policy = parsePolicy(input.policyYaml, input.policySource);
  const loaded = readTable(input.content, {
    format: input.format,
    encoding: input.encoding ? toTextEncodingName(input.encoding) : undefined,
  });
  onProgress({ phase: 'detecting', pct: 15 });
  // The pseudonym key is fresh randomness per run, never stored, and wiped afterwards (Art. 29:
  // nobody, not even the exchange, can link a pseudonym back).
  const pseudonymKey = randomBytes(32);
  let result: PipelineResult;
  try {
    result = runPipeline(loaded.table, policy, {
      seed: input.seed,
      todayYmd: toChinaYmd(request.nowMs),
      hierarchies: request.hierarchies,
      pseudonymKey,
      onProgress: ({ stage, done, total }) => {
        const [phase, from, to] = STAGE_PROGRESS[stage];
        onProgress({ phase, pct: from + ((to - from) * done) / Math.max(total, 1) });
      },
    });
  } finally {
    pseudonymKey.fill(0);
  }
  if (!result.verdict.pass || !result.output) {
    const refusals = result.verdict.refusals;
    throw new DeidError(
      'deid_gate_refused',
      `the Art. 29 gate refused the release: ${refusals.map((r) => describeRefusal(r)).join('; ')}`,
      { details: { refusals: refusals.length, stage: result.verdict.stage } },
    );
  }
  const artifact = Buffer.from(writeTable(result.output, input.format, { formulaGuard: true }));
  onProgress({ phase: 'reporting', pct: 90 });
  const output = {
    rows: result.output.numRows(),
    columns: result.output.columnNames(),
    sha256: sha256Hex(artifact),
  };
  const report = buildRunReport(result, {
    generatedAtMs: request.nowMs,
    software: SOFTWARE,
    input: {
      rows: loaded.table.numRows(),
      columns: loaded.table.columnNames(),
      sha256: input.rawSha256,
      format: loaded.format,
      encoding: loaded.encoding,
    },
    policy,
    policySha256: sha256Hex(input.policyYaml),
    output,
  });
  const level = levelOf(result);
  return {
    artifact,
    artifactFormat: input.format,
    report: report as unknown as Record<string, unknown>,
    reportHtml: renderReportHtml(report, { lang: 'bilingual' }),
    level,
    gatePassed: result.verdict.pass && report.verdict.pass,
    summary: {
      rows: output.rows,
      suppressed: result.suppressed,
      k: result.privacy?.k ?? null,
      gbt42460R: result.privacy?.gbt42460.R ?? null,
      level,
      inputRows: loaded.table.numRows(),
    },
  };
}

function quasiIdentifiersOf(result: PipelineResult): string[] {
  return Object.entries(result.roles)
    .filter(([, role]) => role === 'quasi')
    .map(([name]) => name);
}

function hasDirectIdentifier(report: DetectionReport | undefined): boolean {
  return report?.columns.some((column) => column.direct_identifier) ?? true;
}

/**
 * GB/T 42460 level: measured by core/privacy when the policy states privacy requirements;
 * otherwise L1 if a direct identifier remains, L4 when no quasi-identifier is released, and L2
 * (not listable) when quasi-identifiers are released unmeasured.
 */
function levelOf(result: PipelineResult): AnonymizationResult['level'] {
  if (result.privacy) return result.privacy.gbt42460.level;
  if (hasDirectIdentifier(result.findingsAfter)) return 'L1';
  return quasiIdentifiersOf(result).length === 0 ? 'L4' : 'L2';
}

/** Hierarchy files named by a policy, read from policies/ and never from outside it. */
export async function readHierarchies(
  policy: Policy,
  policiesDirectory: string,
): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const file of hierarchyFiles(policy)) {
    const path = resolve(policiesDirectory, file);
    const inside = relative(policiesDirectory, path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new DeidError('deid_missing_hierarchy', `hierarchy ${file} is outside policies/`, {
        details: { file },
      });
    }
    try {
      texts[file] = await readFile(path, 'utf8');
    } catch {
      throw new DeidError('deid_missing_hierarchy', `hierarchy ${file} cannot be read`, {
        details: { file },
      });
    }
  }
  return texts;
}
