// Turns a pipeline run into the anonymization report (core/report): one assembly for the CLI and the jobs service.
import { buildAnonymizationReport, type AnonymizationReport } from '../report/index.js';
import { describeRefusal } from './gate/refusal.js';
import type { PipelineResult } from './pipeline-types.js';
import type { Policy } from './policy.js';

export interface RunReportContext {
  readonly generatedAtMs: number;
  /** The software's name and version (from package.json, read by the caller). */
  readonly software: { readonly name: string; readonly version: string };
  /** The raw input as read: rows, column names, SHA-256 of its bytes, format and encoding. */
  readonly input: {
    readonly rows: number;
    readonly columns: readonly string[];
    readonly sha256: string;
    readonly format?: string;
    readonly encoding?: string;
  };
  readonly policy: Policy;
  /** SHA-256 of the policy file's text. */
  readonly policySha256: string;
  /** The released artifact; absent when the gate refused and nothing was written. */
  readonly output?: {
    readonly rows: number;
    readonly columns: readonly string[];
    readonly sha256: string;
  };
}

/**
 * Builds the report of one run: transforms with their parameters (never keys), findings before
 * and after, privacy figures and model checks, utility figures, the search's choice, and the
 * gate's refusals with the column each names. Requires lower-case SHA-256 hex digests (core/report checks them).
 */
export function buildRunReport(
  result: PipelineResult,
  context: RunReportContext,
): AnonymizationReport {
  const { policy } = context;
  return buildAnonymizationReport({
    generatedAtMs: context.generatedAtMs,
    software: context.software,
    input: { ...context.input, columns: [...context.input.columns] },
    policy: {
      name: policy.name,
      version: String(policy.version),
      sha256: context.policySha256,
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
    quasiIdentifiers: [...result.quasiIdentifierSets.knowable],
    models: result.privacyChecks,
    utility: result.utility ?? null,
    analysis: result.analysis ?? null,
    search: result.search ?? null,
    ...(context.output
      ? { output: { ...context.output, columns: [...context.output.columns] } }
      : {}),
    gate: {
      pass: result.verdict.pass,
      refusals: result.verdict.refusals.map((refusal) => ({
        ...refusal,
        description: describeRefusal(refusal),
      })),
      figures: {
        quasiIdentifiers: {
          declared: [...result.quasiIdentifierSets.declared],
          measured: [...result.quasiIdentifierSets.knowable],
        },
        declaredPrivacy: result.privacyDeclared ?? null,
        columns: result.columnUniqueness.map((c) => ({
          name: c.column,
          distinct: c.distinct,
          uniqueShare: c.uniqueShare,
          constant: c.constant,
        })),
        identifierTransforms: result.identifierTransforms.map((t) => ({
          ...t,
          steps: [...t.steps],
        })),
        textScrubs: result.textScrubs.map(({ column, counts }) => ({
          column,
          spansByKind: { ...counts.spansByKind },
          cellsWithSpans: counts.cellsWithSpans,
          cellsDropped: counts.cellsDropped,
          textKept: counts.textKept,
        })),
        rowOrder: result.rowOrder,
      },
    },
  });
}
