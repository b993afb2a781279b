// What callers see of an access request: the record plus its deadline in Shanghai time and lateness.
import { SHANGHAI_OFFSET_MS } from '../../core/calendar/index.js';
import type { AccessRequestRecord } from '../../store/repositories/access-requests.js';
import { isProvisional, provisionalReason } from './answer-deadline.js';

export interface AccessRequestView extends Omit<AccessRequestRecord, 'answeredLate'> {
  /** The deadline as a Shanghai wall-clock time, e.g. `2025-03-06T00:00:00+08:00` (24:00 of the last day). */
  readonly deadlineLocal: string;
  /** True when the deadline has passed without an answer, or the answer came after it. */
  readonly late: boolean;
  readonly answeredLate: boolean;
  /** True while a year the deadline counts has no holiday notice loaded (answer-deadline.ts). */
  readonly deadlineProvisional: boolean;
  /** Why the deadline is provisional; null when it is final. */
  readonly deadlineProvisionalReason: string | null;
}

/** Formats an instant as ISO 8601 with the +08:00 offset of Asia/Shanghai. */
export function toShanghaiIso(atMs: number): string {
  return `${new Date(atMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

export function toAccessRequestView(record: AccessRequestRecord, nowMs: number): AccessRequestView {
  const unanswered = record.state === 'pending' || record.state === 'overdue';
  return {
    ...record,
    deadlineLocal: toShanghaiIso(record.deadlineMs),
    deadlineProvisional: isProvisional(record.deadlineBasis),
    deadlineProvisionalReason: provisionalReason(record),
    late:
      record.answeredLate ||
      record.state === 'overdue' ||
      (unanswered && nowMs >= record.deadlineMs),
  };
}
