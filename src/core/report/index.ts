// The anonymization report: versioned JSON model, builder and self-contained bilingual HTML (issue #4).
//
// Entry points for other areas (signatures):
//   buildAnonymizationReport(parts: ReportParts): AnonymizationReport
//     ReportParts = { generatedAtMs: number; software: { name, version };
//       input: { rows, columns, sha256, format?, encoding? }; policy: { name, version, sha256, mode,
//       purpose?, legalBasis? }; transforms: { column, role, steps: { kind, params }[], outputs }[];
//       detection: { before: DetectionReport; after?: DetectionReport | null };
//       privacy?: PrivacyMeasurement | null; quasiIdentifiers?: string[]; models?: ModelCheck[];
//       utility?: UtilityMeasurement | null; search?: Record<string, unknown> | null;
//       output?: { rows, columns, sha256 }; gate?: { pass, refusals: { kind, column? }[] } }
//     Key-like parameters (key, secret, salt, token, …) and binary values are removed and listed in
//     `redactedParameters`; digests must be lower-case SHA-256 hex; time comes in as `generatedAtMs`.
//   renderReportHtml(report: AnonymizationReport, options?: { lang?: 'zh' | 'en' | 'bilingual' }): string
//   toReportJson(report): string — canonical JSON (RFC 8785) to hash, sign and pin in the ledger
//   readAnonymizationReport(value: unknown): AnonymizationReport — refuses unknown formats/versions
export type { GateFigures, ReportParts } from './build-report.js';
export { buildAnonymizationReport } from './build-report.js';
export type { RenderReportOptions } from './render-report-html.js';
export type { CertificateDecision, ReportCertificate } from './certificate.js';
export { formatShanghaiTime, reportSha256Of } from './certificate.js';
export { bucketClassSizes, renderReportHtml } from './render-report-html.js';
export type { ReportErrorCode } from './report-error.js';
export { REPORT_ERROR_CODES, ReportError } from './report-error.js';
export type { ReportLanguage } from './report-labels.js';
export type {
  AnonymizationReport,
  ReportDetection,
  ReportColumnFigure,
  ReportDetectionColumn,
  ReportFinding,
  ReportGate,
  ReportIdentifierTransform,
  ReportReason,
  ReportRefusal,
  ReportRiskSummary,
  ReportTextScrub,
  ReportTransform,
  ReportTransformStep,
} from './report-model.js';
export { READABLE_REPORT_VERSIONS, REPORT_FORMAT, REPORT_VERSION } from './report-model.js';
export { readAnonymizationReport, toReportJson } from './report-json.js';
export type { BarChartOptions, ChartBar } from './svg-chart.js';
export { renderBarChart } from './svg-chart.js';
