// Access requests for conditional listings (seed Art. 17, 23) and the overdue escalation worker.
export {
  AccessRequestService,
  ANSWER_WORKING_DAYS,
  type AccessRequestQueue,
} from './access-request-service.js';
export { createOverdueEscalationWorker } from './overdue-escalation-worker.js';
export { createHolidayCalendarWorker, missingNoticeAdvice } from './holiday-calendar-worker.js';
export {
  HolidayCalendarService,
  type HolidayCalendarStatus,
  type HolidayNoticeOrigin,
  type HolidayNoticeView,
  type ImportedHolidayNotice,
} from './holiday-calendar-service.js';
export type { RecomputedDeadline } from './deadline-recompute.js';
export { decisionLedgerEvent } from './access-request-records.js';
export {
  REFUSAL_REASON_CODES,
  type RefusalReasonCode,
  type AccessRequestInput,
  type ApprovalInput,
  type RefusalInput,
} from './access-request-rules.js';
export {
  toAccessRequestView,
  toShanghaiIso,
  type AccessRequestView,
} from './access-request-view.js';
