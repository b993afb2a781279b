// Rows of `holiday_notices`: the notices an admin imported, one per year.
import type { Queryable } from '../db.js';
import type { Row } from './trade-parties.js';

export interface HolidayNoticeRecord {
  readonly year: number;
  /** Canonical JSON of the validated notice. */
  readonly noticeJson: string;
  readonly noticeSha256: string;
  readonly importedBy: string;
  readonly importedAtMs: number;
}

const toRecord = (row: Row): HolidayNoticeRecord => ({
  year: Number(row.year),
  noticeJson: String(row.notice_json),
  noticeSha256: String(row.notice_sha256),
  importedBy: String(row.imported_by),
  importedAtMs: Number(row.imported_at_ms),
});

/** Every imported notice, by year. */
export async function listHolidayNotices(db: Queryable): Promise<HolidayNoticeRecord[]> {
  return ((await db('holiday_notices').orderBy('year')) as Row[]).map(toRecord);
}

/** The year and hash of every imported notice, by year: a cheap stamp of what is loaded. */
export async function listHolidayNoticeHashes(
  db: Queryable,
): Promise<{ year: number; noticeSha256: string }[]> {
  const rows = (await db('holiday_notices')
    .select('year', 'notice_sha256')
    .orderBy('year')) as Row[];
  return rows.map((row) => ({ year: Number(row.year), noticeSha256: String(row.notice_sha256) }));
}

/** Inserts the year's notice or replaces it; returns the one it replaced, if any. */
export async function saveHolidayNotice(
  db: Queryable,
  record: HolidayNoticeRecord,
): Promise<HolidayNoticeRecord | undefined> {
  const previous = (await db('holiday_notices').where({ year: record.year }).first()) as
    Row | undefined;
  const row = {
    notice_json: record.noticeJson,
    notice_sha256: record.noticeSha256,
    imported_by: record.importedBy,
    imported_at_ms: record.importedAtMs,
  };
  // An upsert, so two gateways importing the same year at once both succeed (the later wins).
  await db('holiday_notices')
    .insert({ year: record.year, ...row })
    .onConflict('year')
    .merge();
  return previous ? toRecord(previous) : undefined;
}
