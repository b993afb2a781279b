// The gateway's holiday-calendar check: warns while a due notice is missing, recomputes deadlines when notices change.
import type { Logger } from 'pino';
import type { BackgroundWorker } from '../background-worker.js';
import type { RecomputedDeadline } from './deadline-recompute.js';
import type { HolidayCalendarService, HolidayCalendarStatus } from './holiday-calendar-service.js';

export interface HolidayCalendarCheck {
  readonly recomputed: readonly RecomputedDeadline[];
  readonly status: HolidayCalendarStatus;
  /** True when this check logged the missing-notice warning (once per Shanghai day). */
  readonly warned: boolean;
}

/** The sentence the log and the docs give an operator; `years` are the missing notices. */
export function missingNoticeAdvice(years: readonly number[]): string {
  const list = years.join(', ');
  return (
    `holiday notice for ${list} not loaded: access-request deadlines that count ${list} days ` +
    `are provisional (statutory holidays only, no 调休). Import it: anonex admin calendar import ` +
    `cn-${years[years.length - 1]}.json, or POST /api/v1/admin/holiday-notices`
  );
}

/**
 * Checks at start and then every `intervalMs` (default one hour): the first check, and any check
 * after the imported notices changed (an import through another gateway), recomputes open
 * deadlines; a missing notice (this year's, or next year's from 1 November) is logged at start and
 * then once a day. Each check is two small queries when nothing changed.
 */
export function createHolidayCalendarWorker(
  service: HolidayCalendarService,
  logger: Logger,
  intervalMs = 3_600_000,
): BackgroundWorker & { tick(): Promise<HolidayCalendarCheck> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let recomputedForStamp: string | undefined;
  let warnedOn: string | undefined;
  const tick = async (): Promise<HolidayCalendarCheck> => {
    const stamp = await service.calendarStamp();
    let recomputed: readonly RecomputedDeadline[] = [];
    if (stamp !== recomputedForStamp) {
      recomputed = await service.recomputeOpenDeadlines();
      recomputedForStamp = stamp;
      if (recomputed.length > 0) {
        logger.info({ recomputed: recomputed.length }, 'access-request deadlines recomputed');
      }
    }
    const status = await service.noticeStatus();
    const warned = status.missingYears.length > 0 && warnedOn !== status.today;
    if (warned) {
      warnedOn = status.today;
      logger.warn({ missingYears: status.missingYears }, missingNoticeAdvice(status.missingYears));
    }
    return { recomputed, status, warned };
  };
  const guarded = () =>
    (running = tick().catch((error: unknown) =>
      logger.error({ err: error }, 'holiday calendar check failed'),
    ));
  return {
    name: 'holiday-calendar',
    tick,
    start() {
      void guarded();
      timer = setInterval(() => void guarded(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
