// Runs a listing policy through the real engine: core/table reads the raw content, core/deid runs
// the pipeline and its Art. 29 gate (which measures with core/privacy), core/report writes the report.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { toChinaYmd, type DetectionReport } from '../../core/detect/index.js';
import {
  DeidError,
  describeRefusal,
  hierarchyFiles,
  parsePolicy,
  runPipeline,
  type PipelineResult,
  type Policy,
} from '../../core/deid/index.js';
import { buildAnonymizationReport, renderReportHtml } from '../../core/report/index.js';
import { readTable, toTextEncodingName, writeTable } from '../../core/table/index.js';
import type { CoreEngineOptions } from './core-engine.js';
import type { AnonymizationInput, AnonymizationResult, ProgressUpdate } from './engine.js';

const SOFTWARE = { name: 'anonex', version: '0.1.0' } as const;

const sha256Hex = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

/**
 * Runs `input.policyYaml` over the raw table. A refusal of the gate fails the job with
 * `deid_gate_refused` naming each column, detector and count; nothing is stored for it.
 */
export async function runCorePipeline(
  input: AnonymizationInput,
  onProgress: (update: ProgressUpdate) => Promise<void>,
  options: CoreEngineOptions,
): Promise<AnonymizationResult> {
  await onProgress({ phase: 'loading', pct: 5 });
  const policy = parsePolicy(input.policyYaml, input.policySource);
  const hierarchies = await readHierarchies(policy, options.policiesDirectory);
  const loaded = readTable(input.content, {
    format: input.format,
    encoding: input.encoding ? toTextEncodingName(input.encoding) : undefined,
  });
  await onProgress({ phase: 'transforming', pct: 15 });
  await yieldToEventLoop();
  // The pseudonym key is fresh randomness per run, never stored, and wiped afterwards (Art. 29:
  // nobody, not even the exchange, can link a pseudonym back).
  const pseudonymKey = randomBytes(32);
  let result: PipelineResult;
  try {
    result = runPipeline(loaded.table, policy, {
      seed: input.seed,
      todayYmd: toChinaYmd(options.clock.nowMs()),
      hierarchies,
      pseudonymKey,
    });
  } finally {
    pseudonymKey.fill(0);
  }
  await onProgress({ phase: 'measuring', pct: 80 });
  if (!result.verdict.pass || !result.output) {
    const refusals = result.verdict.refusals;
    throw new DeidError(
      'deid_gate_refused',
      `the Art. 29 gate refused the release: ${refusals.map((r) => describeRefusal(r)).join('; ')}`,
      { details: { refusals: refusals.length, stage: result.verdict.stage } },
    );
  }
  const artifact = Buffer.from(writeTable(result.output, input.format, { formulaGuard: true }));
  await onProgress({ phase: 'reporting', pct: 90 });
  const output = {
    rows: result.output.numRows(),
    columns: result.output.columnNames(),
    sha256: sha256Hex(artifact),
  };
  const report = buildAnonymizationReport({
    generatedAtMs: options.clock.nowMs(),
    software: SOFTWARE,
    input: {
      rows: loaded.table.numRows(),
      columns: loaded.table.columnNames(),
      sha256: input.rawSha256,
      format: loaded.format,
      encoding: loaded.encoding,
    },
    policy: {
      name: policy.name,
      version: String(policy.version),
      sha256: sha256Hex(input.policyYaml),
      mode: policy.mode,
      ...(policy.purpose ? { purpose: policy.purpose } : {}),
      ...(policy.legalBasis ? { legalBasis: policy.legalBasis } : {}),
    },
    transforms: result.transforms.map((t) => ({
      ...t,
      steps: t.steps.map((s) => ({ kind: s.kind, params: s.params })),
    })),
    detection: { before: result.findingsBefore, after: result.findingsAfter ?? null },
    privacy: result.privacy ?? null,
    quasiIdentifiers: quasiIdentifiersOf(result),
    models: result.privacyChecks,
    search: result.search ?? null,
    output,
    gate: { pass: result.verdict.pass, refusals: [] },
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
async function readHierarchies(
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
