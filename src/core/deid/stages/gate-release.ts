// Stage 5, the output gate: every rule that judges what would be released, and the verdict.
import type { DetectionReport } from '../../detect/detect-columns.js';
import type { Detector } from '../../detect/detector.js';
import type { GeneralizationHierarchy } from '../../hierarchy/index.js';
import { CONTEXT_CLASS_THRESHOLD } from '../../privacy/index.js';
import type { DictionaryColumn } from '../../table/dictionary-column.js';
import type { ColumnUniqueness } from '../gate/column-uniqueness.js';
import { checkIdentifiersInHeaders } from '../gate/identifiers-in-headers.js';
import { checkSplitIdentifiers } from '../gate/split-identifiers.js';
import type { GateRefusal, GateVerdict } from '../gate/refusal.js';
import type { OutputColumn } from '../pipeline-types.js';
import type { Policy } from '../policy.js';
import { minClassSizeForThreshold } from '../suppression.js';
import {
  checkIdentifierTransforms,
  type IdentifierTransformFigure,
} from './check-identifier-transforms.js';
import type { DetectedInput } from './detect-input.js';
import { scanOutput } from './gate-output.js';
import { judgeReleasedColumns } from './judge-released-columns.js';
import { listReleasedRows } from './permute-rows.js';
import type { RunControl } from './run-control.js';
import type { SuppressedRecords } from './suppress-records.js';

export interface GateInput {
  readonly policy: Policy;
  readonly input: DetectedInput;
  readonly outputs: readonly OutputColumn[];
  /** The columns k and risk were measured over (every knowable non-sensitive column). */
  readonly quasiIdentifiers: readonly DictionaryColumn[];
  readonly suppression: SuppressedRecords;
  /** Refusals of earlier stages (suppression limit, failed model checks). */
  readonly earlierRefusals: readonly GateRefusal[];
  readonly detectors: readonly Detector[];
  readonly hierarchies: ReadonlyMap<string, GeneralizationHierarchy>;
  readonly chosenLevels: ReadonlyMap<string, number>;
}

export interface GatedRelease {
  readonly findingsAfter: DetectionReport;
  readonly columnUniqueness: readonly ColumnUniqueness[];
  readonly identifierTransforms: readonly IdentifierTransformFigure[];
  readonly verdict: GateVerdict;
}

/**
 * Runs the output rules: identifiers in column names, detectors over every released value, spans inside released cells,
 * running text under a role other than text, identifiers split over two columns,
 * near-unique columns not under k, transforms of identifiers that leave too few candidate
 * originals. In internal mode nothing is
 * refused (nothing is listed); the figures are measured all the same.
 */
export function gateRelease(gate: GateInput, control: RunControl): GatedRelease {
  const { policy, suppression } = gate;
  const scanned = scanOutput(gate.outputs, gate.detectors, gate.input.rows, control);
  const underK = new Set(policy.privacy ? gate.quasiIdentifiers : []);
  const judged = judgeReleasedColumns(
    gate.outputs,
    (o) => underK.has(o.column),
    suppression.mask,
    control,
  );
  // Without privacy requirements a candidate set must still reach the strictest class size.
  const required = policy.privacy
    ? suppression.minClassSize
    : minClassSizeForThreshold(CONTEXT_CLASS_THRESHOLD['public-release']);
  const identifiers = checkIdentifierTransforms(
    gate.input,
    policy,
    gate.detectors,
    { hierarchies: gate.hierarchies, chosenLevels: gate.chosenLevels },
    required,
    control,
  );
  const split = checkSplitIdentifiers(
    gate.outputs.map((o) => o.column),
    gate.detectors,
    listReleasedRows(gate.input.rows, suppression.mask),
  );
  const headers = checkIdentifiersInHeaders(gate.outputs.map((o) => o.column.name));
  const refusals = [
    ...gate.earlierRefusals,
    ...headers,
    ...split,
    ...scanned.refusals,
    ...judged.refusals,
    ...identifiers.refusals,
  ];
  const listing = policy.mode === 'listing';
  return {
    findingsAfter: scanned.findings,
    columnUniqueness: judged.uniqueness,
    identifierTransforms: identifiers.figures,
    verdict: {
      mode: policy.mode,
      pass: !listing || refusals.length === 0,
      stage: 'output',
      refusals: listing ? refusals : [],
    },
  };
}
