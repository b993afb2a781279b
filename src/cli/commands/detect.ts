// `anonex detect <file> [--json]`: lists, per column, type, nulls, distinct values and the
// direct identifiers the detectors find, with a verdict (issue #3's JSON shape).
import { Command, InvalidArgumentError } from 'commander';
import { systemClock } from '../../core/clock.js';
import { detectColumns, toChinaYmd, type DetectionReport } from '../../core/detect/index.js';
import { processIo, type CliIo } from '../cli-io.js';
import { createProgressBar, type ProgressStream } from '../progress.js';
import { loadTableFile, withTableInputOptions, type TableInputFlags } from './table-input.js';

interface DetectFlags extends TableInputFlags {
  json?: boolean;
  fullScan?: boolean;
  sampleSize?: number;
}

/** Display width of a string in a terminal: Han and full-width characters take two cells. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0x20000 && code <= 0x3fffd)
        ? 2
        : 1;
  }
  return width;
}

function pad(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/**
 * DIRECT IDENTIFIER (whole cells), IDENTIFIERS IN TEXT (kinds inside cells, with their shares)
 * or ok; `text` marks running text, which a listing releases only as `role: text`, scrubbed.
 */
function verdictOf(c: DetectionReport['columns'][number]): string {
  const text = c.text_like ? ' [text]' : '';
  if (c.direct_identifier) return `DIRECT IDENTIFIER${text}`;
  if (c.contains_identifiers)
    return `IDENTIFIERS IN TEXT: ${c.contained
      .map((f) => `${f.kind} ${(f.cell_rate * 100).toFixed(1)}%`)
      .join(', ')}${text}`;
  return `ok${text}`;
}

/** The terminal table: one line per column, findings as `kind rate (confidence)`. */
export function formatDetection(report: DetectionReport): string {
  const header = ['column', 'type', 'nulls', 'distinct', 'findings', 'verdict'];
  const rows = report.columns.map((c) => [
    c.name,
    c.type,
    String(c.nulls),
    String(c.distinct),
    c.findings
      .map((f) => `${f.kind} ${(f.match_rate * 100).toFixed(1)}% (${f.confidence.toFixed(2)})`)
      .join(', ') || '-',
    verdictOf(c),
  ]);
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i], i === 2 || i === 3))
      .join('  ')
      .trimEnd();
  const identifiers = report.columns.filter((c) => c.direct_identifier).length;
  return [
    `rows ${report.rows}, columns ${report.columns.length}, direct identifiers ${identifiers}`,
    line(header),
    ...rows.map(line),
    '',
  ].join('\n');
}

/** The JSON printed by `--json`: issue #3's shape plus `matches` and `scanned`. */
export function toDetectionJson(report: DetectionReport): Record<string, unknown> {
  return {
    rows: report.rows,
    columns: report.columns.map((c) => ({
      name: c.name,
      type: c.type,
      nulls: c.nulls,
      distinct: c.distinct,
      findings: c.findings.map((f) => ({
        kind: f.kind,
        match_rate: f.match_rate,
        confidence: f.confidence,
        matches: f.matches,
      })),
      direct_identifier: c.direct_identifier,
      contained: c.contained,
      contains_identifiers: c.contains_identifiers,
      text_like: c.text_like,
      scanned: c.scanned,
    })),
  };
}

export function createDetectCommand(
  io: CliIo = processIo,
  progressStream: ProgressStream = process.stderr,
  nowMs: () => number = () => systemClock.nowMs(),
): Command {
  return withTableInputOptions(
    new Command('detect')
      .description(
        'Find direct identifiers (ID numbers, phones, names, addresses, cards…) in each column of a table',
      )
      .argument('<file>', 'CSV, JSON Lines or Arrow file')
      .option('--json', 'print JSON instead of a table')
      .option('--full-scan', 'scan every value instead of sampling first')
      .option('--sample-size <n>', 'rows in the first-pass sample', (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('want an integer ≥ 1');
        return n;
      }),
  ).action((file: string, flags: DetectFlags) => {
    const loaded = loadTableFile(file, flags);
    const bar = createProgressBar(progressStream, 'detect');
    const report = detectColumns(loaded.table, {
      todayYmd: toChinaYmd(nowMs()),
      fullScan: flags.fullScan,
      sampleSize: flags.sampleSize,
      onProgress: (done, total) => bar.update(done, total, `${done}/${total} columns`),
    });
    bar.finish();
    io.out(flags.json ? `${JSON.stringify(toDetectionJson(report))}\n` : formatDetection(report));
  });
}

export function registerDetectCommand(program: Command): void {
  program.addCommand(createDetectCommand());
}
