// Writes the anonymization report where `--report` says, in the format its extension names:
// `.html`/`.htm` gives the self-contained bilingual page a reviewer reads, anything else JSON.
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { renderReportHtml, type AnonymizationReport } from '../../core/report/index.js';

export type ReportFileFormat = 'html' | 'json';

/** The format a report path implies; `.html` and `.htm` are HTML (case-insensitive), else JSON. */
export function reportFormatOfPath(path: string): ReportFileFormat {
  const extension = extname(path).toLowerCase();
  return extension === '.html' || extension === '.htm' ? 'html' : 'json';
}

export function writeReportFile(path: string, report: AnonymizationReport): void {
  const text =
    reportFormatOfPath(path) === 'html'
      ? renderReportHtml(report, { lang: 'bilingual' })
      : `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(path, text);
}
