// Utility metrics that need generalization hierarchies: ARX-compatible Loss and precision.
import type { GeneralizationHierarchy } from '../hierarchy/index.js';
import type { DictionaryColumn } from '../table/dictionary-column.js';
import { resolveGeneralizedValues } from './generalized-values.js';

/** A released quasi-identifier with its hierarchy (and its level when the caller knows it). */
export interface GeneralizedAttribute {
  readonly released: DictionaryColumn;
  readonly hierarchy: GeneralizationHierarchy;
  readonly level?: number;
}

export interface AttributeUtility {
  readonly name: string;
  readonly loss: number;
  readonly precision: number;
  /** The level the column was found at; null for local recoding. */
  readonly level: number | null;
}

export interface HierarchyUtility {
  readonly attributes: readonly AttributeUtility[];
  /** Geometric mean over attributes of (1 + loss) − 1 (ARX's default aggregate). */
  readonly loss: number;
  /** Mean over attributes of the per-attribute precision loss. */
  readonly precision: number;
}

/**
 * Per attribute and record, Loss = (leaves under the released value − 1) / (leaves of the hierarchy
 * − 1), leaves counted in the hierarchy file; precision = level / (height − 1). A suppressed record
 * counts 1 for both. Per attribute the mean over all records (suppressed included). Requires every
 * released column to have the length of `suppressed` when it is given.
 */
export function measureHierarchyUtility(
  attributes: readonly GeneralizedAttribute[],
  suppressed?: Uint8Array,
): HierarchyUtility {
  const used =
    suppressed === undefined ? undefined : suppressed.map((flag) => (flag === 0 ? 1 : 0));
  const results = attributes.map((attribute): AttributeUtility => {
    const { released, hierarchy } = attribute;
    const resolved = resolveGeneralizedValues(released, hierarchy, {
      level: attribute.level,
      used,
    });
    const lossDenominator = resolved.totalLeaves - 1;
    const heightDenominator = hierarchy.height - 1;
    const lossOfCode = new Float64Array(released.dictionary.length);
    const precisionOfCode = new Float64Array(released.dictionary.length);
    for (let code = 0; code < lossOfCode.length; code++) {
      if (resolved.levelOfCode[code] < 0) continue;
      lossOfCode[code] =
        lossDenominator <= 0 ? 0 : (resolved.leavesOfCode[code] - 1) / lossDenominator;
      precisionOfCode[code] =
        heightDenominator <= 0 ? 0 : resolved.levelOfCode[code] / heightDenominator;
    }
    const codes = released.codes;
    let loss = 0;
    let precision = 0;
    for (let row = 0; row < codes.length; row++) {
      if (suppressed !== undefined && suppressed[row] !== 0) {
        loss += 1;
        precision += 1;
      } else {
        loss += lossOfCode[codes[row]];
        precision += precisionOfCode[codes[row]];
      }
    }
    const n = codes.length;
    return {
      name: released.name,
      loss: n === 0 ? 0 : loss / n,
      precision: n === 0 ? 0 : precision / n,
      level: resolved.columnLevel,
    };
  });
  return {
    attributes: results,
    loss: aggregateLoss(results.map((result) => result.loss)),
    precision:
      results.length === 0
        ? 0
        : results.reduce((sum, result) => sum + result.precision, 0) / results.length,
  };
}

/** Geometric mean of (1 + loss_j) minus 1; 0 for no attributes. */
export function aggregateLoss(losses: readonly number[]): number {
  if (losses.length === 0) return 0;
  let logSum = 0;
  for (const loss of losses) logSum += Math.log1p(loss);
  return Math.expm1(logSum / losses.length);
}
