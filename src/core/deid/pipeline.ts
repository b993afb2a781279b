// The de-identification pipeline: detect input ► gate the policy ► search ► transform ► suppress ►
// measure ► gate the output ► permute the rows ► build the artifact. Each stage is its own module under stages/.
import type { ColumnTable } from 'arquero';
import type { EncodedTable } from '../table/encoded-table.js';
import { createDetectors } from '../detect/detectors/index.js';
import { parseHierarchy, type GeneralizationHierarchy } from '../hierarchy/index.js';
import { createRng } from '../rng.js';
import { checkPolicyGate } from './gate/policy-gate.js';
import type { GateVerdict } from './gate/refusal.js';
import { searchOptimalLevels } from './level-search.js';
import { analyzeRun } from './release-analysis.js';
import type { PipelineOptions, PipelineResult } from './pipeline-types.js';
import type { ColumnRole, Policy } from './policy.js';
import { chooseLevels } from './stages/choose-levels.js';
import { detectInput } from './stages/detect-input.js';
import { gateRelease } from './stages/gate-release.js';
import { measureRelease } from './stages/measure-release.js';
import {
  permuteReleasedRows,
  secureIndexSource,
  seededIndexSource,
} from './stages/permute-rows.js';
import { toReleasedTable } from './stages/released-table.js';
import { toRunControl } from './stages/run-control.js';
import { suppressRecords } from './stages/suppress-records.js';
import { transformColumns } from './stages/transform-columns.js';
import { rngBytes } from './transforms/reversible.js';

/**
 * Runs `policy` over `table` (an arquero table, or one read with toInputPlan(policy), which never
 * holds the dropped columns). Order: detection on the input; the policy gate (listing mode:
 * reversible steps, unnamed columns) — if it refuses, nothing is transformed; optional level
 * search; each column's steps over its dictionary encoding; record suppression of classes below
 * k; privacy measurement; a full detector scan of every output column (the output gate).
 * Throws DeidError for runs that cannot proceed (unknown columns, missing hierarchies, unreadable
 * values, cancellation); a refusal is a verdict, not an exception.
 */
export function runPipeline(
  table: ColumnTable | EncodedTable,
  policy: Policy,
  options: PipelineOptions,
): PipelineResult {
  const rng = options.rng ?? createRng(options.seed ?? 0);
  const control = toRunControl(options);
  const detectors = createDetectors(options);
  const input = detectInput(table, policy, detectors, control);

  const policyRefusals = checkPolicyGate(policy, input.names);
  if (policyRefusals.length > 0)
    return refusedBeforeTransforming(input.findings, {
      mode: policy.mode,
      pass: false,
      stage: 'policy',
      refusals: policyRefusals,
    });

  const hierarchies = new Map<string, GeneralizationHierarchy>();
  for (const [file, text] of Object.entries(options.hierarchies ?? {}))
    hierarchies.set(file, parseHierarchy(text));
  control.progress('search', 0, 1);
  const searched = chooseLevels(
    policy,
    input.columns,
    hierarchies,
    options.searchLevels ?? searchOptimalLevels,
  );
  control.progress('search', 1, 1);
  control.checkAbort();
  const chosenLevels = searched?.levels ?? new Map<string, number>();
  const pseudonymKey = options.pseudonymKey ?? rngBytes(rng.fork(), 32);
  const transformed = transformColumns(
    input,
    policy,
    { rng, pseudonymKey, encryptionKey: options.encryptionKey, hierarchies, searched },
    control,
  );
  const { outputs } = transformed;

  // Suppression works over what the policy declares; k and risk are judged over every column an
  // attacker could know, whatever its declared role: an "insensitive" visit cost rounded to 10
  // singled out 19 % of the patients of a k = 20 release.
  const declared = outputs.filter((o) => o.role === 'quasi');
  const knowable = outputs.filter((o) => o.knowable && o.role !== 'sensitive');
  const quasiIdentifiers = knowable.map((o) => o.column);
  const suppression = suppressRecords(
    policy,
    declared.map((o) => o.column),
    outputs,
    searched?.suppressed,
    input.rows,
    control,
  );
  control.checkAbort();
  const measured = measureRelease(
    {
      policy,
      inputColumns: input.columns,
      outputs,
      quasiIdentifiers,
      declaredQuasiIdentifiers: declared.map((o) => o.column),
      suppression,
      hierarchies,
      chosenLevels,
      rows: input.rows,
    },
    control,
  );
  // A direct identifier found at the gate also sets the GB/T 42460 level to L1 in the report.
  const gated = gateRelease(
    {
      policy,
      input,
      outputs,
      quasiIdentifiers,
      suppression,
      earlierRefusals: [...suppression.refusals, ...measured.refusals],
      detectors,
      hierarchies,
      chosenLevels,
    },
    control,
  );

  control.progress('output', 0, 1);
  const order = permuteReleasedRows(
    input.rows,
    suppression.mask,
    options.rowOrderRandomBytes
      ? secureIndexSource(options.rowOrderRandomBytes)
      : seededIndexSource(rng.fork()),
  );
  const output = toReleasedTable(
    outputs.map((o) => o.column),
    order,
  );
  control.progress('output', 1, 1);
  const roles: Record<string, ColumnRole> = {};
  for (const o of outputs) roles[o.column.name] = o.role;
  return {
    output,
    transforms: transformed.records,
    roles,
    findingsBefore: input.findings,
    findingsAfter: gated.findingsAfter,
    suppressed: suppression.count,
    privacy: measured.privacy,
    privacyDeclared: measured.privacyDeclared,
    quasiIdentifierSets: {
      declared: declared.map((o) => o.column.name),
      knowable: knowable.map((o) => o.column.name),
    },
    privacyChecks: measured.checks,
    columnUniqueness: gated.columnUniqueness,
    identifierTransforms: gated.identifierTransforms,
    textScrubs: transformed.records.flatMap((record) =>
      record.steps.flatMap((step) =>
        step.scrubbed ? [{ column: record.column, counts: step.scrubbed }] : [],
      ),
    ),
    utility: measured.utility,
    analysis: analyzeRun({
      policy,
      inputColumns: input.columns,
      outputs,
      quasiIdentifiers: knowable.map((o) => o.column),
      suppressed: suppression.mask,
      releasedClasses: measured.classes,
      columnUniqueness: gated.columnUniqueness,
      privacy: measured.privacy,
    }),
    search: searched?.summary,
    verdict: gated.verdict,
    rowOrder: options.rowOrderRandomBytes ? 'secure-random' : 'seeded',
    keptTokenTables: transformed.tokenTables,
  };
}

function refusedBeforeTransforming(
  findingsBefore: PipelineResult['findingsBefore'],
  verdict: GateVerdict,
): PipelineResult {
  return {
    output: undefined,
    transforms: [],
    roles: {},
    findingsBefore,
    findingsAfter: undefined,
    suppressed: 0,
    privacy: undefined,
    privacyDeclared: undefined,
    quasiIdentifierSets: { declared: [], knowable: [] },
    privacyChecks: [],
    columnUniqueness: [],
    identifierTransforms: [],
    textScrubs: [],
    utility: undefined,
    analysis: undefined,
    search: undefined,
    verdict,
    rowOrder: 'seeded',
    keptTokenTables: new Map(),
  };
}
