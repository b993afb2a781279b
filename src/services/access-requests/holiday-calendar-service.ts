// The holiday calendar in force: shipped notices, HOLIDAY_CALENDAR_DIR files and notices admins imported.
import {
  CalendarError,
  createWorkingDayCalendar,
  missingHolidayNotices,
  parseCalendarYear,
  shippedCalendarYears,
  STATUTORY_YEAR_RANGE,
  type CalendarYearData,
  type WorkingDayCalendar,
} from '../../core/calendar/index.js';
import { canonicalJson } from '../../core/canonical-json.js';
import type { Queryable } from '../../store/db.js';
import {
  listHolidayNoticeHashes,
  listHolidayNotices,
  saveHolidayNotice,
} from '../../store/repositories/holiday-notices.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { validationFailed } from '../errors.js';
import { requireRole, type Principal } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { sha256 } from './access-request-records.js';
import { readCalendarFiles } from './calendar-files.js';
import {
  recomputeOpenDeadlinesEach,
  recomputeOpenDeadlinesIn,
  type RecomputedDeadline,
} from './deadline-recompute.js';

/** Where a year's notice comes from; a later origin in this list replaces an earlier one. */
export type HolidayNoticeOrigin = 'shipped' | 'file' | 'imported';

export interface HolidayNoticeView {
  readonly year: number;
  readonly origin: HolidayNoticeOrigin;
  readonly source: CalendarYearData['source'];
  readonly holidays: CalendarYearData['holidays'];
  readonly adjustedWorkingDays: CalendarYearData['adjustedWorkingDays'];
  readonly noticeSha256: string;
  /** For imported notices: the admin member and the instant. */
  readonly importedBy: string | null;
  readonly importedAtMs: number | null;
}

export interface HolidayCalendarStatus {
  /** The Shanghai civil date the status was taken on. */
  readonly today: string;
  /** Notices due and not loaded (this year; next year from 1 November), ascending. */
  readonly missingYears: readonly number[];
}

export interface ImportedHolidayNotice {
  readonly notice: HolidayNoticeView;
  /** The notice this import replaced (an erratum), if the year had one. */
  readonly replaced: { readonly origin: HolidayNoticeOrigin; readonly noticeSha256: string } | null;
  /** Open requests whose deadline changed (moved later, or confirmed and no longer provisional). */
  readonly recomputedDeadlines: readonly RecomputedDeadline[];
}

/** The gateway acting on its own (start and periodic recomputation). */
const SYSTEM_ACTOR = { actor: 'system:holiday-calendar', apiKeyId: null, requestId: null };

const noticeSha256 = (data: CalendarYearData): string => sha256(canonicalJson(data));

interface LoadedNotice {
  readonly data: CalendarYearData;
  readonly origin: HolidayNoticeOrigin;
  readonly importedBy: string | null;
  readonly importedAtMs: number | null;
}

/**
 * Imported notices live in the database (table `holiday_notices`), so every gateway sharing it
 * counts with the same calendar from the next request on, and a restart keeps them. Each call
 * reads the years and hashes of the imported notices (one small query) and rebuilds the calendar
 * only when they changed.
 */
export class HolidayCalendarService {
  /** Shipped notices, replaced year by year by HOLIDAY_CALENDAR_DIR files (read once, at start). */
  private readonly releaseNotices: ReadonlyMap<number, LoadedNotice>;
  private cached:
    { stamp: string; calendar: WorkingDayCalendar; notices: LoadedNotice[] } | undefined;

  /** Throws `calendar_data_invalid` naming the file when a HOLIDAY_CALENDAR_DIR file is bad. */
  constructor(private readonly deps: ServiceDeps) {
    const notices = new Map<number, LoadedNotice>();
    const loaded = (data: CalendarYearData, origin: HolidayNoticeOrigin): LoadedNotice => ({
      data,
      origin,
      importedBy: null,
      importedAtMs: null,
    });
    for (const data of shippedCalendarYears)
      notices.set(data.year, loaded(parseCalendarYear(data), 'shipped'));
    const directory = deps.config.holidayCalendarDir;
    if (directory !== undefined) {
      for (const data of readCalendarFiles(directory)) notices.set(data.year, loaded(data, 'file'));
    }
    this.releaseNotices = notices;
  }

  /** The calendar in force now, read within `db` (pass the caller's transaction). */
  async currentCalendar(db: Queryable = this.deps.db): Promise<WorkingDayCalendar> {
    return (await this.load(db)).calendar;
  }

  /** Notices due and not loaded (this year; next year from 1 November, Asia/Shanghai). */
  async noticeStatus(): Promise<HolidayCalendarStatus> {
    const missing = missingHolidayNotices(await this.currentCalendar(), this.deps.clock.nowMs());
    return { today: missing.today, missingYears: missing.years };
  }

  /** Every loaded notice, by year, with where it comes from (admin). */
  async listNotices(
    principal: Principal,
  ): Promise<{ notices: HolidayNoticeView[]; status: HolidayCalendarStatus }> {
    requireRole(principal, 'admin');
    const { notices } = await this.load(this.deps.db);
    return { notices: notices.map(toView), status: await this.noticeStatus() };
  }

  /**
   * Loads a year's notice (admin), in force at once on every gateway: validated (every date a real
   * date inside the year, holidays and swapped working days named, no day both off and worked,
   * sizes bounded), stored, audited, and every open request's deadline recomputed under the
   * never-earlier rule (event and ledger entry per change), all in one transaction.
   */
  async importNotice(context: RequestContext, input: unknown): Promise<ImportedHolidayNotice> {
    requireRole(context.principal, 'admin');
    const data = toNotice(input);
    const hash = noticeSha256(data);
    return this.deps.db.transaction(async (trx) => {
      const nowMs = this.deps.clock.nowMs();
      const before = (await this.load(trx)).notices.find(
        (notice) => notice.data.year === data.year,
      );
      await saveHolidayNotice(trx, {
        year: data.year,
        noticeJson: canonicalJson(data),
        noticeSha256: hash,
        importedBy: context.principal.memberId,
        importedAtMs: nowMs,
      });
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'holiday_notice.imported',
        target: String(data.year),
        details: {
          year: data.year,
          reference: data.source.reference,
          noticeSha256: hash,
          holidays: data.holidays.length,
          adjustedWorkingDays: data.adjustedWorkingDays.length,
          replaced: before
            ? { origin: before.origin, noticeSha256: noticeSha256(before.data) }
            : null,
        },
      });
      const calendar = (await this.load(trx)).calendar;
      const recomputedDeadlines = await recomputeOpenDeadlinesIn(trx, this.deps.clock, calendar, {
        actor: context.principal.memberId,
        apiKeyId: context.principal.apiKeyId,
        requestId: context.requestId,
      });
      return {
        notice: toView({
          data,
          origin: 'imported',
          importedBy: context.principal.memberId,
          importedAtMs: nowMs,
        }),
        replaced: before
          ? { origin: before.origin, noticeSha256: noticeSha256(before.data) }
          : null,
        recomputedDeadlines,
      };
    });
  }

  /**
   * Recomputes open requests' deadlines with the calendar in force (the gateway itself: at start,
   * after HOLIDAY_CALENDAR_DIR or a new release brought a notice, and at each periodic check, which
   * also catches an import made through another gateway). Idempotent.
   */
  async recomputeOpenDeadlines(): Promise<RecomputedDeadline[]> {
    const calendar = await this.currentCalendar();
    return recomputeOpenDeadlinesEach(this.deps.db, this.deps.clock, calendar, SYSTEM_ACTOR);
  }

  /** A stamp of the imported notices, so a caller can tell whether the calendar changed. */
  async calendarStamp(): Promise<string> {
    return (await this.load(this.deps.db)).stamp;
  }

  private async load(
    db: Queryable,
  ): Promise<{ stamp: string; calendar: WorkingDayCalendar; notices: LoadedNotice[] }> {
    const hashes = await listHolidayNoticeHashes(db);
    const stamp = hashes.map((row) => `${row.year}:${row.noticeSha256}`).join(',');
    if (this.cached?.stamp === stamp) return this.cached;
    const notices = new Map(this.releaseNotices);
    for (const row of await listHolidayNotices(db)) {
      try {
        const data = parseCalendarYear(JSON.parse(row.noticeJson));
        notices.set(row.year, {
          data,
          origin: 'imported',
          importedBy: row.importedBy,
          importedAtMs: row.importedAtMs,
        });
      } catch (error) {
        // Validated at import: only a hand-edited row gets here. Counting that year from the
        // statutory holidays (provisional) is safer than refusing every request.
        this.deps.logger.error(
          { err: error, year: row.year },
          'imported holiday notice unreadable; counting that year from the statutory holidays',
        );
      }
    }
    const ordered = [...notices.values()].sort((a, b) => a.data.year - b.data.year);
    const loaded = {
      stamp,
      calendar: createWorkingDayCalendar(ordered.map((notice) => notice.data)),
      notices: ordered,
    };
    this.cached = loaded;
    return loaded;
  }
}

/** The imported notice validated, or `validation_failed` naming each bad field. */
function toNotice(input: unknown): CalendarYearData {
  let data: CalendarYearData;
  try {
    data = parseCalendarYear(input);
  } catch (error) {
    if (error instanceof CalendarError) {
      throw validationFailed('the holiday notice is invalid', error.issues);
    }
    throw error;
  }
  if (data.year < STATUTORY_YEAR_RANGE.first || data.year > STATUTORY_YEAR_RANGE.last) {
    throw validationFailed('the holiday notice is invalid', [
      {
        field: 'year',
        reason: `want ${STATUTORY_YEAR_RANGE.first}–${STATUTORY_YEAR_RANGE.last}`,
      },
    ]);
  }
  return data;
}

function toView(notice: LoadedNotice): HolidayNoticeView {
  return {
    year: notice.data.year,
    origin: notice.origin,
    source: notice.data.source,
    holidays: notice.data.holidays,
    adjustedWorkingDays: notice.data.adjustedWorkingDays,
    noticeSha256: noticeSha256(notice.data),
    importedBy: notice.importedBy,
    importedAtMs: notice.importedAtMs,
  };
}
