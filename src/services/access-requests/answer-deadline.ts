// The answer deadline of an access request (seed Art. 17): two working days, and what they were counted from.
import { workingDayDeadline, type WorkingDayCalendar } from '../../core/calendar/index.js';
import type { DeadlineBasis } from '../../domain/index.js';
import type { AccessRequestRecord } from '../../store/repositories/access-requests.js';

/** Seed Art. 17: the provider answers within two working days of receipt. */
export const ANSWER_WORKING_DAYS = 2;

/** The deadline fields of an access request. */
export type AnswerDeadline = Pick<
  AccessRequestRecord,
  'deadlineMs' | 'countedWorkingDays' | 'deadlineBasis' | 'deadlineStatutoryYears'
>;

/**
 * The deadline of a request received at `receivedAtMs`. Never refused: a year whose holiday notice
 * is not loaded counts from the statutory holidays, and the deadline is then provisional
 * (`statutory_holidays`, naming the years).
 */
export function answerDeadline(calendar: WorkingDayCalendar, receivedAtMs: number): AnswerDeadline {
  const counted = workingDayDeadline(calendar, receivedAtMs, ANSWER_WORKING_DAYS);
  return {
    deadlineMs: counted.deadlineMs,
    countedWorkingDays: counted.countedWorkingDays,
    deadlineBasis: counted.statutoryYears.length > 0 ? 'statutory_holidays' : 'holiday_notices',
    deadlineStatutoryYears: counted.statutoryYears,
  };
}

/**
 * The deadline of an open request counted again with `calendar` (a notice was loaded or replaced),
 * under the rule that a deadline never moves earlier than the one the provider was shown: a
 * provider is never late because of a notice published afterwards. A later deadline replaces the
 * shown one; an earlier one keeps it (`kept_as_shown`, unless days are still counted from the
 * statutory holidays, when it stays provisional). Returns undefined when nothing changes.
 */
export function recomputedDeadline(
  shown: AnswerDeadline & { readonly receivedAtMs: number },
  calendar: WorkingDayCalendar,
): (AnswerDeadline & { readonly computedDeadlineMs: number }) | undefined {
  const computed = answerDeadline(calendar, shown.receivedAtMs);
  const moves = computed.deadlineMs >= shown.deadlineMs;
  const next: AnswerDeadline = moves
    ? computed
    : {
        deadlineMs: shown.deadlineMs,
        countedWorkingDays: shown.countedWorkingDays,
        deadlineBasis: isProvisional(computed.deadlineBasis)
          ? 'statutory_holidays'
          : 'kept_as_shown',
        deadlineStatutoryYears: computed.deadlineStatutoryYears,
      };
  const same =
    next.deadlineMs === shown.deadlineMs &&
    next.deadlineBasis === shown.deadlineBasis &&
    next.deadlineStatutoryYears.join() === shown.deadlineStatutoryYears.join() &&
    next.countedWorkingDays.join() === shown.countedWorkingDays.join();
  return same ? undefined : { ...next, computedDeadlineMs: computed.deadlineMs };
}

export const isProvisional = (basis: DeadlineBasis): boolean => basis === 'statutory_holidays';

/** Why a deadline is provisional, in words for the API; null when it is final. */
export function provisionalReason(deadline: AnswerDeadline): string | null {
  if (!isProvisional(deadline.deadlineBasis)) return null;
  const years = deadline.deadlineStatutoryYears.join(', ');
  return (
    `The State Council's holiday notice for ${years} is not loaded: the deadline counts the ` +
    `statutory holidays (全国年节及纪念日放假办法) and weekends, without that year's adjusted ` +
    `working days (调休). It is recomputed when the notice is loaded and never moves earlier.`
  );
}
