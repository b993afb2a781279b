// Stage 1, the input: checks the policy names real columns, encodes what will be released and
// runs the detectors over every input column (the report's "before" findings).
import type { ColumnTable } from 'arquero';
import type { Detector } from '../../detect/detector.js';
import {
  detectColumn,
  detectSample,
  type ColumnDetection,
  type DetectionReport,
} from '../../detect/detect-columns.js';
import type { DictionaryColumn } from '../../table/dictionary-column.js';
import { encodeTable, isEncodedTable, type EncodedTable } from '../../table/encoded-table.js';
import { DeidError } from '../errors.js';
import type { Policy } from '../policy.js';
import { onlyDroppedColumns, toInputPlan } from './input-plan.js';
import type { RunControl } from './run-control.js';

export interface DetectedInput {
  /** Input column names in file order. */
  readonly names: readonly string[];
  readonly rows: number;
  /** Encoded input columns by name; columns the policy only drops are absent. */
  readonly columns: ReadonlyMap<string, DictionaryColumn>;
  readonly findings: DetectionReport;
  /** True for a column the policy only drops (never encoded, detected from a sample). */
  readonly isOnlyDropped: (name: string) => boolean;
}

/**
 * Throws `deid_unknown_column` when the policy names a column the input lacks. Columns the policy
 * only drops are detected from a sample and never encoded (unless another column's date shifting
 * reads them as its subject): no work for what is not released. An EncodedTable must have been
 * read with toInputPlan(policy); an arquero table is encoded here as that plan would read it.
 */
export function detectInput(
  table: ColumnTable | EncodedTable,
  policy: Policy,
  detectors: readonly Detector[],
  control: RunControl,
): DetectedInput {
  const names = isEncodedTable(table) ? table.names : table.columnNames();
  const missing = policy.columns.filter((c) => !names.includes(c.name)).map((c) => c.name);
  if (missing.length > 0)
    throw new DeidError(
      'deid_unknown_column',
      `policy names column(s) not in the input: ${missing.join(', ')}`,
      { details: { columns: missing } },
    );
  const isOnlyDropped = onlyDroppedColumns(policy);
  const input = isEncodedTable(table) ? table : encodeTable(table, toInputPlan(policy));
  const detections: ColumnDetection[] = [];
  names.forEach((name, index) => {
    control.checkAbort();
    const sampled = input.sampled.get(name);
    const encoded = input.encoded.get(name);
    if (isOnlyDropped(name) && sampled !== undefined)
      detections.push(detectSample(name, sampled, detectors));
    else if (!isOnlyDropped(name) && encoded !== undefined)
      detections.push(detectColumn(encoded, detectors));
    else throw new Error(`detectInput: column ${name} was not read as the policy's plan says`);
    control.progress('detect', index + 1, names.length);
  });
  return {
    names,
    rows: input.rows,
    columns: input.encoded,
    findings: { rows: input.rows, columns: detections },
    isOnlyDropped,
  };
}
