// Stage 2b, the transforms: each column's steps over its dictionary encoding, in input order.
import type { GeneralizationHierarchy } from '../../hierarchy/index.js';
import type { Rng } from '../../rng.js';
import type { DictionaryColumn } from '../../table/dictionary-column.js';
import { DeidError } from '../errors.js';
import type { ColumnTransformRecord, LevelSearchResult, OutputColumn } from '../pipeline-types.js';
import { isReversible, UNLINKABLE_STEPS, type ColumnRole, type Policy } from '../policy.js';
import { applyStep, type StepRecord } from '../transforms/apply-step.js';
import { SYNTHETIC_EXEMPT_KINDS } from '../transforms/synthetic.js';
import type { DetectedInput } from './detect-input.js';
import type { RunControl } from './run-control.js';

export interface TransformContext {
  readonly rng: Rng;
  readonly pseudonymKey: Uint8Array;
  readonly encryptionKey?: Uint8Array;
  readonly hierarchies: ReadonlyMap<string, GeneralizationHierarchy>;
  readonly searched: LevelSearchResult | undefined;
}

export interface TransformedColumns {
  /** Released columns in input order, rows aligned with the input. */
  readonly outputs: readonly OutputColumn[];
  readonly records: readonly ColumnTransformRecord[];
  /** Reversible material the run kept (internal mode only): tokenization tables by column. */
  readonly tokenTables: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/**
 * Applies every column's steps (one rng fork per column, in input order, so a run is reproducible
 * from its seed). In internal mode unnamed columns pass through as insensitive. Throws
 * `deid_invalid_value` when two outputs share a name.
 */
export function transformColumns(
  input: DetectedInput,
  policy: Policy,
  context: TransformContext,
  control: RunControl,
): TransformedColumns {
  const byName = new Map(policy.columns.map((c) => [c.name, c]));
  const chosenLevels = context.searched?.levels ?? new Map<string, number>();
  const tokenTables = new Map<string, Map<string, string>>();
  const outputs: OutputColumn[] = [];
  const records: ColumnTransformRecord[] = [];
  input.names.forEach((name, index) => {
    control.checkAbort();
    const columnPolicy = byName.get(name);
    const role = columnPolicy?.role ?? 'insensitive';
    if (input.isOnlyDropped(name)) {
      records.push({ column: name, role, steps: [{ kind: 'drop', params: {} }], outputs: [] });
      control.progress('transform', index + 1, input.names.length);
      return;
    }
    let current: { column: DictionaryColumn; role?: ColumnRole }[] = [
      { column: input.columns.get(name)! },
    ];
    const steps: StepRecord[] = [];
    const exempt = new Set<string>();
    let knowable = true;
    const stepContext = {
      column: name,
      rng: context.rng.fork(),
      pseudonymKey: context.pseudonymKey,
      encryptionKey: context.encryptionKey,
      hierarchies: context.hierarchies,
      inputColumns: input.columns,
      chosenLevels,
      recodedColumns: context.searched?.recoded ?? new Map<string, DictionaryColumn>(),
      tokenTables,
    };
    for (const step of columnPolicy?.transforms ?? []) {
      if (current.length !== 1) break; // drop and derive end a column's chain (checked by parsePolicy)
      const outcome = applyStep(current[0].column, step, stepContext);
      steps.push(outcome.record);
      current = [...outcome.columns];
      if (step.kind === 'synthetic')
        for (const kind of SYNTHETIC_EXEMPT_KINDS[step.generator]) exempt.add(kind);
      if (UNLINKABLE_STEPS.has(step.kind) && !isReversible(step)) knowable = false;
    }
    // Free text is judged span by span (the scrub and the gate), not as a quasi-identifier.
    for (const out of current) {
      const outRole = out.role ?? role;
      outputs.push({
        column: out.column,
        role: outRole,
        exempt,
        knowable: knowable && outRole !== 'text',
      });
    }
    records.push({ column: name, role, steps, outputs: current.map((c) => c.column.name) });
    control.progress('transform', index + 1, input.names.length);
  });
  const outputNames = new Set<string>();
  for (const { column } of outputs) {
    if (outputNames.has(column.name))
      throw new DeidError('deid_invalid_value', `two output columns are named ${column.name}`, {
        details: { column: column.name },
      });
    outputNames.add(column.name);
  }
  return { outputs, records, tokenTables };
}
