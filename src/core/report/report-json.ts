// The report's canonical JSON form (what is hashed, signed and pinned) and a guarded reader.
import { canonicalJson } from '../canonical-json.js';
import type { AnonymizationReport } from './report-model.js';
import { READABLE_REPORT_VERSIONS, REPORT_FORMAT } from './report-model.js';
import { ReportError } from './report-error.js';

/** RFC 8785 canonical JSON of the report: the same report always gives the same bytes. */
export function toReportJson(report: AnonymizationReport): string {
  return canonicalJson(report);
}

/**
 * Accepts a parsed JSON value as a report when its format and version are known
 * (else `report_unknown_version`). Checks the envelope only; the content is trusted as far as
 * its signature is, which the caller verifies.
 */
export function readAnonymizationReport(value: unknown): AnonymizationReport {
  const record =
    value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  if (
    record.format !== REPORT_FORMAT ||
    !READABLE_REPORT_VERSIONS.includes(record.version as number)
  ) {
    throw new ReportError(
      'report_unknown_version',
      `not an ${REPORT_FORMAT} document of version ${READABLE_REPORT_VERSIONS.join(' or ')}`,
      {
        details: {
          format: typeof record.format === 'string' ? record.format : null,
          version: record.version ?? null,
        },
      },
    );
  }
  return value as AnonymizationReport;
}
