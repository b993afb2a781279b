// Admin API: load the State Council's holiday notice for a year at run time, and list the notices in force.
import { z } from 'zod';
import { CALENDAR_YEAR_LIMITS } from '../../core/calendar/index.js';
import { DEADLINE_BASES } from '../../domain/index.js';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouterDefinition } from '../define-route.js';

const name = z.string().min(1).max(CALENDAR_YEAR_LIMITS.nameChars);
const isoDate = z.string().max(10).describe('YYYY-MM-DD inside the year');
const sourceSchema = z.object({
  title: z.string().max(CALENDAR_YEAR_LIMITS.sourceChars),
  reference: z
    .string()
    .max(CALENDAR_YEAR_LIMITS.sourceChars)
    .describe('e.g. 国办发明电〔2024〕12号'),
  issuedOn: isoDate,
  url: z.string().max(CALENDAR_YEAR_LIMITS.sourceChars).optional(),
});
const holidaySchema = z.object({ name, nameEn: name, from: isoDate, to: isoDate });
const adjustedWorkingDaySchema = z.object({
  date: isoDate.describe('a Saturday or Sunday declared a working day (调休上班)'),
  for: name.describe('the holiday it serves'),
});

/** The format of src/core/calendar/holidays/cn-YYYY.json; the service checks dates and overlaps. */
const noticeBody = z.object({
  year: z.number().int(),
  timeZone: z.literal('Asia/Shanghai'),
  source: sourceSchema,
  holidays: z
    .array(holidaySchema)
    .max(CALENDAR_YEAR_LIMITS.holidays)
    .describe('inclusive ranges of days off (放假), weekends inside a range included'),
  adjustedWorkingDays: z
    .array(adjustedWorkingDaySchema)
    .max(CALENDAR_YEAR_LIMITS.adjustedWorkingDays),
});

const noticeSchema = z.object({
  year: z.number().int(),
  origin: z
    .enum(['shipped', 'file', 'imported'])
    .describe(
      'shipped with the release, a HOLIDAY_CALENDAR_DIR file, or imported (database); later replaces earlier',
    ),
  source: sourceSchema,
  holidays: z.array(holidaySchema),
  adjustedWorkingDays: z.array(adjustedWorkingDaySchema),
  noticeSha256: z.string().describe('SHA-256 of the canonical JSON of the notice'),
  importedBy: z.string().nullable(),
  importedAtMs: z.number().int().nullable(),
});
const statusSchema = z.object({
  today: z.string().describe('the Shanghai civil date of the check'),
  missingYears: z
    .array(z.number().int())
    .describe("notices due and not loaded: this year's, and next year's from 1 November"),
});
const importedSchema = z.object({
  notice: noticeSchema,
  replaced: z
    .object({ origin: z.enum(['shipped', 'file', 'imported']), noticeSha256: z.string() })
    .nullable(),
  recomputedDeadlines: z
    .array(
      z.object({
        accessRequestId: z.string(),
        previousDeadlineMs: z.number().int(),
        deadlineMs: z.number().int().describe('never earlier than previousDeadlineMs'),
        deadlineBasis: z.enum(DEADLINE_BASES),
        state: z.string(),
      }),
    )
    .describe('open requests whose deadline changed: moved later, or no longer provisional'),
});

export function adminHolidayNoticesRouter(services: Services): RouterDefinition {
  return {
    routes: [
      defineRoute({
        method: 'post',
        path: '/admin/holiday-notices',
        summary:
          "Load a year's State Council holiday notice now, on every gateway; open deadlines are recomputed, never earlier",
        tags: ['admin'],
        auth: 'key',
        request: { body: noticeBody },
        responses: { 200: { description: 'Loaded', body: importedSchema } },
        handler: async ({ context, body }) => ({
          status: 200,
          body: await services.holidayCalendar.importNotice(context, body),
        }),
      }),
      defineRoute({
        method: 'get',
        path: '/admin/holiday-notices',
        summary: 'The holiday notices in force, and the ones due and missing',
        tags: ['admin'],
        auth: 'key',
        responses: {
          200: {
            description: 'Notices by year',
            body: z.object({ notices: z.array(noticeSchema), status: statusSchema }),
          },
        },
        handler: async ({ principal }) => ({
          status: 200,
          body: await services.holidayCalendar.listNotices(principal),
        }),
      }),
    ],
  };
}
