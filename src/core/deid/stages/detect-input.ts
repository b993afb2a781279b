// Stage 1, the input: checks the policy names real columns, encodes what will be released and
// runs the detectors over every input column (the report's "before" findings).
import type { ColumnTable } from 'arquero';
import type { Detector } from '../../detect/detector.js';
import {
  detectColumn,
  detectSampledColumn,
  type ColumnDetection,
  type DetectionReport,
} from '../../detect/detect-columns.js';
import { encodeColumn, type DictionaryColumn } from '../../table/dictionary-column.js';
import { DeidError } from '../errors.js';
import type { Policy } from '../policy.js';
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
 * reads them as its subject): no work for what is not released.
 */
export function detectInput(
  table: ColumnTable,
  policy: Policy,
  detectors: readonly Detector[],
  control: RunControl,
): DetectedInput {
  const names = table.columnNames();
  const missing = policy.columns.filter((c) => !names.includes(c.name)).map((c) => c.name);
  if (missing.length > 0)
    throw new DeidError(
      'deid_unknown_column',
      `policy names column(s) not in the input: ${missing.join(', ')}`,
      { details: { columns: missing } },
    );
  const byName = new Map(policy.columns.map((c) => [c.name, c]));
  const subjects = new Set(
    policy.columns.flatMap((c) =>
      c.transforms.flatMap((s) => (s.kind === 'date_shift' && s.subject ? [s.subject] : [])),
    ),
  );
  const isOnlyDropped = (name: string): boolean => {
    const steps = byName.get(name)?.transforms ?? [];
    return steps.length > 0 && steps.every((s) => s.kind === 'drop') && !subjects.has(name);
  };
  const columns = new Map<string, DictionaryColumn>();
  const detections: ColumnDetection[] = [];
  names.forEach((name, index) => {
    control.checkAbort();
    const values = table.array(name) as ArrayLike<unknown>;
    if (isOnlyDropped(name)) detections.push(detectSampledColumn(name, values, detectors));
    else {
      const encoded = encodeColumn(name, values);
      columns.set(name, encoded);
      detections.push(detectColumn(encoded, detectors));
    }
    control.progress('detect', index + 1, names.length);
  });
  return {
    names,
    rows: table.numRows(),
    columns,
    findings: { rows: table.numRows(), columns: detections },
    isOnlyDropped,
  };
}
