// The measuring entry point: one call computes classes, k, l, t, δ, risk, population uniqueness and
// the GB/T 42460 assessment for a dictionary-encoded table, as the pipeline, CLI and report need.
import type { GeneralizationHierarchy } from '../hierarchy/index.js';
import type { DictionaryColumn } from '../table/dictionary-column.js';
import { countClassValues } from './class-value-counts.js';
import { measureDeltaDisclosure } from './delta-disclosure.js';
import type { EquivalenceClasses } from './equivalence-classes.js';
import { computeEquivalenceClasses } from './equivalence-classes.js';
import type { ContextProbabilities, Gbt42460Assessment, ReleaseContext } from './gbt42460.js';
import { assessGbt42460 } from './gbt42460.js';
import type { ClassSizeBin } from './k-anonymity.js';
import { classSizeHistogram, measureK, measureLargestClass } from './k-anonymity.js';
import { measureDistinctL, measureEntropyL, measureRecursiveCThreshold } from './l-diversity.js';
import { countPopulationClassSizes } from './population-classes.js';
import type { PopulationUniqueness } from './population-uniqueness.js';
import { estimatePopulationUniqueness } from './population-uniqueness.js';
import { PrivacyError } from './privacy-error.js';
import type { ReidentificationRisk, RiskBin } from './reidentification-risk.js';
import { measureReidentificationRisk, riskDistribution } from './reidentification-risk.js';
import type { TDistance } from './t-closeness.js';
import { isNumericAttribute, measureTEqual, measureTOrdered } from './t-closeness.js';
import { measureTHierarchical } from './t-closeness-hierarchical.js';

export interface SensitiveAttributeInput {
  readonly column: DictionaryColumn;
  /** Ground distance for t-closeness; default ordered for numeric attributes, else equal. */
  readonly distance?: TDistance;
  /** Required for the hierarchical distance: the attribute's generalization hierarchy. */
  readonly hierarchy?: GeneralizationHierarchy;
  /** l for the recursive (c,l) threshold; 2 by default. */
  readonly recursiveL?: number;
}

export interface PrivacyInput {
  /** The released quasi-identifiers (after generalization), all of one length. */
  readonly quasiIdentifiers: readonly DictionaryColumn[];
  readonly sensitive?: readonly SensitiveAttributeInput[];
  /** `suppressed[r] !== 0`: record r is suppressed (not released, not in any class). */
  readonly suppressed?: Uint8Array;
  /** Record risk threshold (at risk when strictly above); 0.05 by default. */
  readonly riskThreshold?: number;
  /** The same quasi-identifiers in a population table: switches journalist risk to the population model. */
  readonly population?: readonly DictionaryColumn[];
  /** Sampling fraction for the Zayatz population-uniqueness estimate; omitted: no estimate. */
  readonly samplingFraction?: number;
  readonly gbt42460?: {
    readonly context?: ReleaseContext;
    readonly probabilities?: ContextProbabilities;
    readonly riskThreshold?: number;
    readonly directIdentifiersRemain?: boolean;
  };
}

export interface SensitiveMeasurement {
  readonly name: string;
  /** Distinct values among records in classes. */
  readonly distinctValues: number;
  readonly lDistinct: number;
  readonly lEntropy: number;
  /** cThreshold is null when some class has fewer than l distinct values (no c satisfies). */
  readonly recursive: { readonly l: number; readonly cThreshold: number | null };
  readonly t: number;
  readonly tDistance: TDistance;
  readonly deltaDisclosure: number;
}

export interface PrivacyMeasurement {
  /** All records, suppressed included. */
  readonly records: number;
  readonly classes: number;
  readonly k: number;
  readonly largestClass: number;
  readonly suppressed: number;
  readonly classSizeHistogram: readonly ClassSizeBin[];
  readonly sensitive: readonly SensitiveMeasurement[];
  /** Minimum distinct l over sensitive attributes (null without any). */
  readonly l: number | null;
  /** Maximum t over sensitive attributes (null without any). */
  readonly t: number | null;
  readonly risk: ReidentificationRisk;
  readonly riskDistribution: readonly RiskBin[];
  readonly populationUniqueness: PopulationUniqueness | null;
  readonly gbt42460: Gbt42460Assessment;
}

/** Measures everything about one released table; see the module docs of each model for definitions. */
export function measurePrivacy(input: PrivacyInput): PrivacyMeasurement {
  const classes = computeEquivalenceClasses(input.quasiIdentifiers, {
    suppressed: input.suppressed,
  });
  return measurePrivacyOfClasses(classes, input);
}

/** As `measurePrivacy`, reusing classes already computed over `input.quasiIdentifiers`. */
export function measurePrivacyOfClasses(
  classes: EquivalenceClasses,
  input: PrivacyInput,
): PrivacyMeasurement {
  const sensitive = (input.sensitive ?? []).map((attribute) =>
    measureSensitive(classes, attribute),
  );
  const populationClassSizes =
    input.population === undefined
      ? undefined
      : countPopulationClassSizes(classes, input.quasiIdentifiers, input.population);
  const risk = measureReidentificationRisk(classes, {
    threshold: input.riskThreshold ?? 0.05,
    populationClassSizes,
  });
  const gbt = input.gbt42460 ?? {};
  return {
    records: classes.recordCount,
    classes: classes.classCount,
    k: measureK(classes),
    largestClass: measureLargestClass(classes),
    suppressed: classes.suppressedCount,
    classSizeHistogram: classSizeHistogram(classes),
    sensitive,
    l: sensitive.length === 0 ? null : Math.min(...sensitive.map((s) => s.lDistinct)),
    t: sensitive.length === 0 ? null : Math.max(...sensitive.map((s) => s.t)),
    risk,
    riskDistribution: riskDistribution(classes),
    populationUniqueness:
      input.samplingFraction === undefined
        ? null
        : estimatePopulationUniqueness(classes, input.samplingFraction),
    gbt42460: assessGbt42460(classes, {
      context: gbt.context ?? 'public-release',
      probabilities: gbt.probabilities,
      riskThreshold: gbt.riskThreshold,
      directIdentifiersRemain: gbt.directIdentifiersRemain ?? false,
      quasiIdentifierCount: input.quasiIdentifiers.length,
    }),
  };
}

/** l, t and δ of one sensitive attribute over the classes. */
export function measureSensitive(
  classes: EquivalenceClasses,
  attribute: SensitiveAttributeInput,
): SensitiveMeasurement {
  const { column } = attribute;
  const counts = countClassValues(classes, column);
  let distinctValues = 0;
  for (let code = 0; code < counts.tableCounts.length; code++)
    if (counts.tableCounts[code] > 0) distinctValues++;
  const tDistance: TDistance =
    attribute.distance ??
    (isNumericAttribute(column.dictionary, counts.tableCounts) ? 'ordered' : 'equal');
  let t: number;
  if (tDistance === 'hierarchical') {
    if (attribute.hierarchy === undefined) {
      throw new PrivacyError(
        'privacy_invalid_parameter',
        `hierarchical t-closeness on ${column.name} needs a hierarchy`,
        {
          details: { field: 'hierarchy', column: column.name },
        },
      );
    }
    t = measureTHierarchical(counts, column.dictionary, attribute.hierarchy, column.name);
  } else if (tDistance === 'ordered') {
    t = measureTOrdered(counts, column.dictionary);
  } else {
    t = measureTEqual(counts);
  }
  const l = attribute.recursiveL ?? 2;
  const cThreshold = measureRecursiveCThreshold(counts, l);
  return {
    name: column.name,
    distinctValues,
    lDistinct: measureDistinctL(counts),
    lEntropy: measureEntropyL(counts),
    recursive: { l, cThreshold: Number.isFinite(cThreshold) ? cThreshold : null },
    t,
    tDistance,
    deltaDisclosure: measureDeltaDisclosure(counts),
  };
}
