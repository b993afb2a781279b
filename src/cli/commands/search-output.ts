// What `anonex search` prints: issue #5's JSON shape (plus the measurement) and a terminal summary.
import { TIE_RULE, type SearchRun } from '../../core/search/index.js';
import { toEvaluationJson } from './evaluate-output.js';

/** The JSON document `anonex search --json` prints; `out` is the path the table was written to. */
export function toSearchJson(
  run: SearchRun,
  printed: { readonly out: string | null; readonly suppressionLimit: number },
): Record<string, unknown> {
  const elapsedMs = Math.round(run.elapsedMs * 10) / 10;
  const json: Record<string, unknown> =
    run.method === 'mondrian'
      ? {
          levels: null,
          suppressed: 0,
          classes: run.partitioning.partitionCount,
          min_class: run.partitioning.minClassSize,
          metric: { name: run.partitioning.metric, value: run.partitioning.value },
          optimal: false,
          checked: run.partitioning.splitsTried,
          elapsed_ms: elapsedMs,
          method: 'mondrian',
          records: run.records,
          quasi_identifiers: run.quasiIdentifiers,
          out: printed.out,
        }
      : {
          levels:
            run.outcome.levels === null
              ? null
              : Object.fromEntries(
                  run.quasiIdentifiers.map((name, j) => [
                    name,
                    (run.outcome.levels as number[])[j],
                  ]),
                ),
          suppressed: run.outcome.suppressedCount,
          classes: run.outcome.classCount,
          min_class: run.outcome.minClassSize,
          metric: { name: run.outcome.metric, value: run.outcome.value },
          optimal: run.outcome.optimal,
          checked: run.outcome.checked,
          elapsed_ms: elapsedMs,
          method: 'optimal',
          found: run.outcome.levels !== null,
          records: run.records,
          quasi_identifiers: run.quasiIdentifiers,
          pruned: run.outcome.pruned,
          pruned_by_monotonicity: run.outcome.prunedByMonotonicity,
          pruned_by_bound: run.outcome.prunedByBound,
          lattice_size: run.outcome.latticeSize,
          suppression_limit: printed.suppressionLimit,
          max_suppressed: run.outcome.maxSuppressed,
          tie_rule: TIE_RULE,
          out: printed.out,
        };
  if (run.measurement !== null) {
    // The class-size histogram (one row per distinct size) belongs in the report, not here.
    const { class_size_histogram: _histogram, ...figures } = toEvaluationJson(
      run.measurement.privacy,
      run.measurement.utility,
    );
    json.measurement = figures;
  }
  return json;
}

/** Terminal summary (without --json). */
export function formatSearch(json: Record<string, unknown>): string {
  const metric = json.metric as { name: string; value: number | null };
  const levels = json.levels as Record<string, number> | null;
  const lines: string[] = [];
  if (json.method === 'mondrian')
    lines.push(`Mondrian: ${String(json.classes)} partitions, smallest ${String(json.min_class)}`);
  else if (levels === null)
    lines.push('no transformation meets the criteria within the suppression limit');
  else
    lines.push(
      `optimal levels: ${Object.entries(levels)
        .map(([name, level]) => `${name}=${level}`)
        .join(' ')}`,
      `suppressed ${String(json.suppressed)} of ${String(json.records)}, ${String(json.classes)} classes, smallest ${String(json.min_class)}`,
      `checked ${String(json.checked)} of ${String(json.lattice_size)} nodes (${String(json.pruned_by_monotonicity)} settled by monotonicity, ${String(json.pruned_by_bound)} by the bound)`,
    );
  if (metric.value !== null) lines.push(`${metric.name} = ${metric.value.toFixed(6)}`);
  lines.push(
    `${String(json.elapsed_ms)} ms${json.out === null ? '' : `, written to ${String(json.out)}`}`,
  );
  return `${lines.join('\n')}\n`;
}
