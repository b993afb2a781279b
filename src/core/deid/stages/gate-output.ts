// Stage 5, the output gate: a full detector scan of every released column, weighted by row counts:
// whole values, identifiers inside cells, running text.
import type { Detector } from '../../detect/detector.js';
import {
  judgeColumn,
  scanColumnMatches,
  type ColumnDetection,
  type DetectionReport,
} from '../../detect/detect-columns.js';
import { inferColumnType } from '../../detect/infer-type.js';
import { countCodes } from '../../table/dictionary-column.js';
import { checkOutputColumn } from '../gate/identifier-findings.js';
import { checkIdentifiersInCells } from '../gate/identifiers-in-cells.js';
import { checkDeclaredText, checkTextLike } from '../gate/text-like.js';
import type { GateRefusal } from '../gate/refusal.js';
import type { OutputColumn } from '../pipeline-types.js';
import type { RunControl } from './run-control.js';

export interface OutputScan {
  /** The report's "after" findings (before row suppression). */
  readonly findings: DetectionReport;
  readonly refusals: readonly GateRefusal[];
}

/**
 * Scans every output column once (detect's scanColumnMatches: whole cells, spans inside them,
 * text cells) and applies the rules that read that scan; synthetic values of the kind a column was
 * given are not findings.
 */
export function scanOutput(
  outputs: readonly OutputColumn[],
  detectors: readonly Detector[],
  rows: number,
  control: RunControl,
): OutputScan {
  const refusals: GateRefusal[] = [];
  const columns: ColumnDetection[] = [];
  outputs.forEach(({ column, exempt, role }, index) => {
    control.checkAbort();
    const counts = countCodes(column);
    const scan = scanColumnMatches(column, detectors, counts);
    const freeText = role === 'text';
    refusals.push(
      ...checkOutputColumn(column.name, detectors, scan, exempt),
      ...checkIdentifiersInCells(column.name, detectors, scan, freeText, exempt),
      ...(freeText ? checkDeclaredText(column) : checkTextLike(column.name, scan)),
    );
    const emptyCode = column.dictionary.indexOf('');
    // The report must agree with the gate, which exempts synthetic values of the generated kind.
    const judged = new Int32Array(scan.matches);
    detectors.forEach((detector, d) => {
      if (exempt.has(detector.kind)) judged[d] = 0;
    });
    columns.push({
      name: column.name,
      type: inferColumnType(column.dictionary),
      nulls: emptyCode >= 0 ? counts[emptyCode] : 0,
      distinct: column.dictionary.length,
      ...judgeColumn(column.name, detectors, { ...scan, matches: judged }),
      scanned: 'full',
    });
    control.progress('gate', index + 1, outputs.length);
  });
  return { findings: { rows, columns }, refusals };
}
