// Runs a listing policy through the real engine: core/table reads the raw content, core/deid runs
// the pipeline and its Art. 29 gate (which measures with core/privacy), core/report writes the report.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import {
  collectArtifact,
  DeidError,
  describeRefusal,
  hierarchyFiles,
  parsePolicy,
  runRelease,
  toGateRefusedError,
  type PipelineStage,
  type Policy,
} from '../../core/deid/index.js';
import { renderReportHtml } from '../../core/report/index.js';
import type { EncodedLoadedTable, LoadedTable } from '../../core/table/index.js';
import { SOFTWARE } from '../../software.js';
import type {
  AnonymizationInput,
  AnonymizationResult,
  ProgressUpdate,
} from './anonymization-engine.js';

const sha256Hex = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

/** What one run needs, all plain data so it can cross into a worker thread. */
export type PipelineRequest = AnonymizationInput & {
  /** Hierarchy file texts by the path the policy names (read on the main thread). */
  readonly hierarchies: Readonly<Record<string, string>>;
  /** The run's "now" (report time, birth dates not in the future). */
  readonly nowMs: number;
};

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
 * Runs `request.policyYaml` over the raw table `loaded` (read from the request's source with the
 * policy's toInputPlan, see read-table-source.ts), synchronously (the job runner calls it in a worker thread, see
 * engine-thread.ts). A refusal of the gate throws `deid_gate_refused` naming each column,
 * detector and count; nothing is produced for it.
 */
export function anonymizeTable(
  request: PipelineRequest,
  loaded: LoadedTable | EncodedLoadedTable,
  onProgress: (update: ProgressUpdate) => void,
): Omit<AnonymizationResult, 'artifact'> & { artifactChunks: Uint8Array[] } {
  const input = request;
  const policy = parsePolicy(input.policyYaml, input.policySource);
  onProgress({ phase: 'detecting', pct: 15 });
  const artifact = collectArtifact();
  const release = runRelease(
    {
      table: loaded.table,
      policy,
      policySha256: sha256Hex(input.policyYaml),
      hierarchies: request.hierarchies,
      seed: input.seed,
      nowMs: request.nowMs,
      input: { sha256: input.rawSha256, format: loaded.format, encoding: loaded.encoding },
      artifact: { format: input.format, formulaGuard: true },
      software: SOFTWARE,
      onProgress: ({ stage, done, total }) => {
        const [phase, from, to] = STAGE_PROGRESS[stage];
        onProgress({ phase, pct: from + ((to - from) * done) / Math.max(total, 1) });
      },
    },
    { randomBytes, writeArtifact: artifact },
  );
  const { result, report, output, level } = release;
  if (output === undefined) {
    const refusals = result.verdict.refusals;
    throw toGateRefusedError(
      result.verdict,
      `the Art. 29 gate refused the release: ${refusals.map((r) => describeRefusal(r)).join('; ')}`,
    );
  }
  onProgress({ phase: 'reporting', pct: 90 });
  return {
    // The chunks as written: joining them would hold the artifact twice (a 10M-row one: 600 MB).
    artifactChunks: artifact.chunks(),
    artifactFormat: input.format,
    report: report as unknown as Record<string, unknown>,
    reportHtml: renderReportHtml(report, {
      lang: 'bilingual',
      ...(input.certificate ? { certificate: input.certificate } : {}),
    }),
    level,
    gatePassed: result.verdict.pass && report.verdict.pass,
    summary: {
      rows: output.rows,
      suppressed: result.suppressed,
      k: result.privacy?.k ?? null,
      gbt42460R: result.privacy?.gbt42460.R ?? null,
      level,
      inputRows: release.report.input.rows,
    },
  };
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
