// What a buyer's listing page describes: the release itself — the columns it holds with their
// roles and processing, and the figures of the certificate a reviewer approved — never the raw
// dataset's data dictionary (which names columns the release dropped).
import type { AnonymizationReport, ReportTransformStep } from '../../core/report/index.js';
import { readAnonymizationReport } from '../../core/report/index.js';

export interface ReleasedColumn {
  readonly name: string;
  /** The policy's role for the column (quasi, sensitive, insensitive, text). */
  readonly role: string;
  readonly steps: readonly ReportTransformStep[];
}

export interface ReleaseFigures {
  readonly records: number;
  readonly classes: number;
  readonly k: number;
  readonly suppressedShare: number;
  readonly R: number;
  readonly riskThreshold: number;
  readonly level: string;
  readonly context: string;
}

export interface ReleaseDescription {
  readonly columns: readonly ReleasedColumn[];
  /** Null when the report measured no quasi-identifier. */
  readonly figures: ReleaseFigures | null;
  readonly gatePassed: boolean;
  readonly reportSha256: string;
  readonly decidedAtMs: number | null;
  readonly reviewerOrganizationName: string | null;
}

/** The released columns, in the output's order, each with the transform that produced it. */
export function releasedColumns(report: AnonymizationReport): ReleasedColumn[] {
  const byOutput = new Map<string, ReleasedColumn>();
  for (const transform of report.transforms)
    for (const output of transform.outputs)
      byOutput.set(output, { name: output, role: transform.role, steps: transform.steps });
  return (report.output?.columns ?? []).map(
    (name) => byOutput.get(name) ?? { name, role: 'insensitive', steps: [] },
  );
}

export function describeRelease(
  reportJson: Buffer,
  review: { decidedAtMs: number | null; reviewerOrganizationName: string | null },
  reportSha256: string,
): ReleaseDescription {
  const report = readAnonymizationReport(JSON.parse(reportJson.toString('utf8')));
  const privacy = report.privacy;
  return {
    columns: releasedColumns(report),
    figures: privacy
      ? {
          records: privacy.records,
          classes: privacy.classes,
          k: privacy.k,
          suppressedShare: privacy.suppressedShare,
          R: privacy.gbt42460.R,
          riskThreshold: privacy.gbt42460.riskThreshold,
          level: privacy.gbt42460.level,
          context: privacy.gbt42460.context,
        }
      : null,
    gatePassed: report.verdict.pass,
    reportSha256,
    ...review,
  };
}
