// Writes the anonymization report where `--report` says, in the format its extension names:
// `.html`/`.htm` gives the self-contained bilingual page a reviewer reads, anything else JSON.
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import {
  renderReportHtml,
  type AnonymizationReport,
  type ReportCertificate,
} from '../../core/report/index.js';

export type ReportFileFormat = 'html' | 'json';

/** The format a report path implies; `.html` and `.htm` are HTML (case-insensitive), else JSON. */
export function reportFormatOfPath(path: string): ReportFileFormat {
  const extension = extname(path).toLowerCase();
  return extension === '.html' || extension === '.htm' ? 'html' : 'json';
}

/**
 * Writes `report` to `path`; an HTML page is the certificate a reviewer signs, with the facts
 * `certificate` gives (offline there is no review: it prints as not yet submitted).
 */
export function writeReportFile(
  path: string,
  report: AnonymizationReport,
  certificate: ReportCertificate = {},
): void {
  const text =
    reportFormatOfPath(path) === 'html'
      ? renderReportHtml(report, { lang: 'bilingual', certificate })
      : `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(path, text);
}
