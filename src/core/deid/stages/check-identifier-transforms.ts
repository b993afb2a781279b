// Stage 5b, recoverable transforms: every transformed identifier column must leave at least as
// many candidate originals per released value as a class must hold records (k).
import type { Detector } from '../../detect/detector.js';
import type { GeneralizationHierarchy } from '../../hierarchy/index.js';
import { createRng } from '../../rng.js';
import { toHalfWidth } from '../../table/half-width.js';
import { encodeColumn, type DictionaryColumn } from '../../table/dictionary-column.js';
import { DeidError } from '../errors.js';
import {
  countCandidateOriginals,
  type KindValidator,
  type ReleaseFunction,
} from '../gate/candidate-originals.js';
import type { GateRefusal } from '../gate/refusal.js';
import { isReversible, UNLINKABLE_STEPS, type Policy, type TransformSpec } from '../policy.js';
import { applyStep } from '../transforms/apply-step.js';
import type { DetectedInput } from './detect-input.js';
import type { RunControl } from './run-control.js';

/** Distinct values of a column whose candidates are counted (spread over its dictionary). */
const SAMPLED_VALUES = 12;

export interface IdentifierTransformFigure {
  readonly column: string;
  readonly steps: readonly TransformSpec['kind'][];
  /** The detected kind whose validator counted the candidates, if any. */
  readonly identifierKind: string | null;
  /**
   * Fewest candidate originals of any sampled released value; counting stops at `required`, so
   * a figure equal to `required` means "at least".
   */
  readonly candidates: number;
  readonly required: number;
}

export interface IdentifierTransformCheck {
  readonly figures: readonly IdentifierTransformFigure[];
  readonly refusals: readonly GateRefusal[];
}

export interface IdentifierTransformContext {
  readonly hierarchies: ReadonlyMap<string, GeneralizationHierarchy>;
  readonly chosenLevels: ReadonlyMap<string, number>;
}

/**
 * Judges each `identifier` column the policy releases in a transformed form (not dropped, not
 * derived into other columns, not a keyed pseudonym or synthetic draw, which nobody can compute
 * from a known value): the fewest candidate originals over sampled released values
 * (countCandidateOriginals, with the validator of the kind detected on the input) must reach
 * `required`, else the transform is refused as recoverable.
 */
export function checkIdentifierTransforms(
  input: DetectedInput,
  policy: Policy,
  detectors: readonly Detector[],
  context: IdentifierTransformContext,
  required: number,
  control: RunControl,
): IdentifierTransformCheck {
  const figures: IdentifierTransformFigure[] = [];
  const refusals: GateRefusal[] = [];
  for (const columnPolicy of policy.columns) {
    const steps = columnPolicy.transforms;
    const original = input.columns.get(columnPolicy.name);
    if (columnPolicy.role !== 'identifier' || original === undefined || !isJudged(steps)) continue;
    control.checkAbort();
    const kind = detectedKind(input, columnPolicy.name, detectors);
    const validate: KindValidator | undefined =
      kind && ((v) => kind.matches(toHalfWidth(v).trim()));
    const release = releaseFunction(columnPolicy.name, steps, input, context);
    let candidates = Number.POSITIVE_INFINITY;
    for (const value of sampleValues(original)) {
      if (release([value])[0] === undefined) continue;
      candidates = Math.min(
        candidates,
        countCandidateOriginals(value, release, validate, required),
      );
      if (candidates < required) break; // one restorable value is enough to refuse
    }
    if (!Number.isFinite(candidates)) continue;
    const figure = {
      column: columnPolicy.name,
      steps: steps.map((s) => s.kind),
      identifierKind: kind?.kind ?? null,
      candidates,
      required,
    };
    figures.push(figure);
    if (candidates < required) refusals.push({ kind: 'recoverable_transform', ...figure });
  }
  return { figures, refusals };
}

/** Steps whose output keeps the column and depends only on its value. */
function isJudged(steps: readonly TransformSpec[]): boolean {
  return (
    steps.length > 0 &&
    steps.every(
      (s) =>
        s.kind !== 'drop' &&
        s.kind !== 'derive' &&
        !UNLINKABLE_STEPS.has(s.kind) &&
        !isReversible(s),
    )
  );
}

/** The strong detector with the most matches on the input column, if any matched. */
function detectedKind(
  input: DetectedInput,
  name: string,
  detectors: readonly Detector[],
): Detector | undefined {
  const findings = input.findings.columns.find((c) => c.name === name)?.findings ?? [];
  for (const finding of [...findings].sort((a, b) => b.match_rate - a.match_rate)) {
    const detector = detectors.find((d) => d.kind === finding.kind);
    if (detector?.strength === 'strong') return detector;
  }
  return undefined;
}

function sampleValues(column: DictionaryColumn): string[] {
  const values = column.dictionary.filter((v) => v !== '');
  const step = Math.max(1, Math.floor(values.length / SAMPLED_VALUES));
  const out: string[] = [];
  for (let i = 0; i < values.length && out.length < SAMPLED_VALUES; i += step) out.push(values[i]);
  return out;
}

/**
 * The column's steps over a batch of values (a fresh rng: the judged steps are deterministic).
 * A batch holding a value a step cannot read is split until the unreadable values stand alone;
 * those release nothing (undefined).
 */
function releaseFunction(
  name: string,
  steps: readonly TransformSpec[],
  input: DetectedInput,
  context: IdentifierTransformContext,
): ReleaseFunction {
  const run = (values: readonly string[]): string[] => {
    let column: DictionaryColumn = encodeColumn(name, values);
    const stepContext = {
      column: name,
      rng: createRng(0),
      pseudonymKey: new Uint8Array(32),
      hierarchies: context.hierarchies,
      inputColumns: input.columns,
      chosenLevels: context.chosenLevels,
      tokenTables: new Map<string, Map<string, string>>(),
    };
    for (const step of steps) column = applyStep(column, step, stepContext).columns[0].column;
    return Array.from(column.codes, (code) => column.dictionary[code]);
  };
  const tolerant = (values: readonly string[]): (string | undefined)[] => {
    try {
      return run(values);
    } catch (error) {
      if (!(error instanceof DeidError) || error.code !== 'deid_invalid_value') throw error;
      if (values.length === 1) return [undefined];
      const half = values.length >> 1;
      return [...tolerant(values.slice(0, half)), ...tolerant(values.slice(half))];
    }
  };
  return tolerant;
}
