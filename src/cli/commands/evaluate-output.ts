// What `anonex evaluate` prints: issue #4's JSON shape (plus extra fields) and a terminal summary.
import type {
  HierarchyUtility,
  PrivacyMeasurement,
  RiskFigures,
} from '../../core/privacy/index.js';

/** The JSON document `anonex evaluate --json` prints (issue #4's shape plus extra fields). */
export function toEvaluationJson(
  measurement: PrivacyMeasurement,
  utility: HierarchyUtility | null,
): Record<string, unknown> {
  const risk = measurement.risk;
  const figures = (f: RiskFigures) => ({
    highest: f.highest,
    lowest: f.lowest,
    average: f.average,
    records_at_risk: f.recordsAtRisk,
  });
  const gbt = measurement.gbt42460;
  return {
    records: measurement.records,
    classes: measurement.classes,
    k: measurement.k,
    suppressed: measurement.suppressed,
    sensitive: Object.fromEntries(
      measurement.sensitive.map((s) => [
        s.name,
        {
          l_distinct: s.lDistinct,
          l_entropy: s.lEntropy,
          recursive: { l: s.recursive.l, c_threshold: s.recursive.cThreshold },
          t: s.t,
          t_distance: s.tDistance,
          delta_disclosure: s.deltaDisclosure,
          distinct_values: s.distinctValues,
        },
      ]),
    ),
    risk: {
      threshold: risk.threshold,
      prosecutor: figures(risk.prosecutor),
      journalist: figures(risk.journalist),
      journalist_model: risk.journalistModel,
      marketer: risk.marketer,
      sample_uniques: risk.sampleUniques,
    },
    gbt42460: {
      context: gbt.context,
      level: gbt.level,
      R: gbt.R,
      pass: gbt.pass,
      tau: gbt.tau,
      R_a: gbt.Ra,
      R_b: gbt.Rb,
      R_c: gbt.Rc,
      pr: gbt.pr,
      threshold: gbt.riskThreshold,
    },
    l: measurement.l,
    t: measurement.t,
    largest_class: measurement.largestClass,
    class_size_histogram: measurement.classSizeHistogram,
    population_uniqueness:
      measurement.populationUniqueness === null
        ? null
        : {
            model: measurement.populationUniqueness.model,
            sampling_fraction: measurement.populationUniqueness.samplingFraction,
            population_size: measurement.populationUniqueness.populationSize,
            population_uniques: measurement.populationUniqueness.populationUniques,
            population_uniqueness: measurement.populationUniqueness.populationUniqueness,
          },
    utility:
      utility === null
        ? null
        : {
            loss: utility.loss,
            precision: utility.precision,
            attributes: utility.attributes.map((a) => ({
              name: a.name,
              loss: a.loss,
              precision: a.precision,
              level: a.level,
            })),
          },
  };
}

/** Human-readable summary for the terminal (without --json). */
export function formatEvaluation(json: Record<string, unknown>): string {
  const risk = json.risk as Record<string, Record<string, number> | number | string>;
  const prosecutor = risk.prosecutor as Record<string, number>;
  const journalist = risk.journalist as Record<string, number>;
  const gbt = json.gbt42460 as Record<string, unknown>;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const lines = [
    `records ${String(json.records)}  classes ${String(json.classes)}  k ${String(json.k)}  suppressed ${String(json.suppressed)}`,
  ];
  for (const [name, s] of Object.entries(
    json.sensitive as Record<string, Record<string, unknown>>,
  )) {
    const recursive = s.recursive as { l: number; c_threshold: number | null };
    lines.push(
      `sensitive ${name}: distinct l ${String(s.l_distinct)}, entropy l ${(s.l_entropy as number).toFixed(4)}, ` +
        `recursive (c,${recursive.l}) needs c > ${recursive.c_threshold === null ? '∞ (unsatisfiable)' : recursive.c_threshold.toFixed(4)}, ` +
        `t ${(s.t as number).toFixed(4)} (${String(s.t_distance)}), δ ${(s.delta_disclosure as number).toFixed(4)}`,
    );
  }
  lines.push(
    `prosecutor risk: highest ${pct(prosecutor.highest)}, lowest ${pct(prosecutor.lowest)}, average ${pct(prosecutor.average)}, records above ${String(risk.threshold)}: ${pct(prosecutor.records_at_risk)}`,
    `journalist risk (${String(risk.journalist_model)}): highest ${pct(journalist.highest)}, average ${pct(journalist.average)}, records at risk ${pct(journalist.records_at_risk)}`,
    `marketer risk ${pct(risk.marketer as number)}, sample uniques ${pct(risk.sample_uniques as number)}`,
    `GB/T 42460-2023 (${String(gbt.context)}): R = ${(gbt.R as number).toFixed(4)}, level ${String(gbt.level)}, ${gbt.pass ? 'PASS' : 'FAIL'}`,
  );
  return `${lines.join('\n')}\n`;
}
