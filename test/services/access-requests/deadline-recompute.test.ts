// Loading a holiday notice recomputes open deadlines: later moves them, earlier keeps the one shown.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import {
  AccessRequestService,
  HolidayCalendarService,
  createHolidayCalendarWorker,
} from '../../../src/services/access-requests/index.js';
import { EventFeedService } from '../../../src/services/events/index.js';
import {
  DEC_30_2026_MS,
  sampleAccessRequest,
  notice2027Earlier,
  notice2027Later,
} from '../../helpers/holiday-notices.js';
import {
  buyerWorkflowContexts,
  createBuyerFixture,
  createListingFixture,
  type BuyerFixture,
  type ListingFixture,
} from '../../helpers/buyer-workflow.js';
import { codeOf } from '../../helpers/service-fixture.js';

const shanghai = (iso: string) => Date.parse(`${iso}+08:00`);

describe('services/access-requests deadlines recomputed when a holiday notice is loaded', () => {
  let fixture: BuyerFixture;
  let listing: ListingFixture;
  let holidayCalendar: HolidayCalendarService;
  let service: AccessRequestService;
  let ctx: ReturnType<typeof buyerWorkflowContexts>;

  const submit = (through = service) =>
    through.submitAccessRequest(ctx.buyerA, {
      listingId: listing.listingId,
      ...sampleAccessRequest,
    });
  const ledgerEntries = async (id: string) =>
    ((await fixture.deps.db('ledger_outbox').orderBy('id')) as { entry_json: string }[])
      .map((row) => JSON.parse(row.entry_json) as Record<string, unknown>)
      .filter((entry) => entry.access_request_id === id);
  const events = async (id: string) =>
    (await new EventFeedService(fixture.deps).listEvents(ctx.provider.principal, {})).events.filter(
      (event) => event.subjectId === id,
    );

  before(async () => {
    fixture = await createBuyerFixture();
  });
  after(() => fixture.destroy());
  beforeEach(async () => {
    fixture.clock.set(DEC_30_2026_MS);
    await fixture.deps.db('holiday_notices').del();
    await fixture.deps
      .db('access_requests')
      .whereIn('state', ['pending', 'overdue', 'disputed'])
      .update({ state: 'withdrawn' });
    holidayCalendar = new HolidayCalendarService(fixture.deps);
    service = new AccessRequestService(fixture.deps, holidayCalendar);
    listing = await createListingFixture(fixture.deps, { sharingType: 'conditional' });
    ctx = buyerWorkflowContexts(listing.providerOrganizationId);
  });

  it('moves a provisional deadline later when the notice says so, with an event and a ledger entry', async () => {
    const created = await submit();
    expect(created.deadlineLocal).to.equal('2027-01-05T00:00:00+08:00');
    expect(created.deadlineProvisional).to.equal(true);

    fixture.clock.set(shanghai('2026-12-30T15:00:00'));
    const imported = await holidayCalendar.importNotice(ctx.admin, notice2027Later);
    expect(imported.notice).to.include({ year: 2027, origin: 'imported' });
    expect(imported.replaced).to.equal(null);
    expect(imported.recomputedDeadlines).to.deep.equal([
      {
        accessRequestId: created.id,
        previousDeadlineMs: shanghai('2027-01-05T00:00:00'),
        deadlineMs: shanghai('2027-01-06T00:00:00'),
        deadlineBasis: 'holiday_notices',
        state: 'pending',
      },
    ]);

    const after = await service.getAccessRequest(ctx.provider.principal, created.id);
    expect(after).to.include({
      deadlineLocal: '2027-01-06T00:00:00+08:00',
      deadlineProvisional: false,
      deadlineBasis: 'holiday_notices',
      deadlineProvisionalReason: null,
    });
    expect(after.countedWorkingDays).to.deep.equal(['2026-12-31', '2027-01-05']);

    const [entry] = await ledgerEntries(created.id);
    expect(entry).to.include({
      kind: 'access_request.deadline_recomputed',
      previous_deadline_ms: shanghai('2027-01-05T00:00:00'),
      previous_deadline_basis: 'statutory_holidays',
      computed_deadline_ms: shanghai('2027-01-06T00:00:00'),
      deadline_ms: shanghai('2027-01-06T00:00:00'),
      deadline_basis: 'holiday_notices',
      deadline_provisional: false,
      state: 'pending',
    });
    const recomputedEvents = (await events(created.id)).filter(
      (event) => event.kind === 'access_request.deadline_recomputed',
    );
    expect(recomputedEvents).to.have.length(1);
    expect(recomputedEvents[0].payload).to.include({
      previousDeadlineMs: shanghai('2027-01-05T00:00:00'),
      deadlineMs: shanghai('2027-01-06T00:00:00'),
      deadlineProvisional: false,
    });
    const audit = (await fixture.deps
      .db('audit_log')
      .whereIn('action', ['holiday_notice.imported', 'access_request.deadline_recomputed'])
      .andWhere('at_ms', shanghai('2026-12-30T15:00:00'))
      .orderBy('id')) as { action: string; target: string; actor: string }[];
    expect(audit.map((row) => [row.action, row.target, row.actor])).to.deep.equal([
      ['holiday_notice.imported', '2027', ctx.admin.principal.memberId],
      ['access_request.deadline_recomputed', created.id, ctx.admin.principal.memberId],
    ]);
  });

  it('keeps the shown deadline when the notice would make it earlier (never earlier)', async () => {
    const created = await submit();
    const imported = await holidayCalendar.importNotice(ctx.admin, notice2027Earlier);
    // By the notice alone: Thursday 31 Dec and the swapped working Saturday 2 Jan, due 3 Jan.
    expect(imported.recomputedDeadlines).to.deep.equal([
      {
        accessRequestId: created.id,
        previousDeadlineMs: created.deadlineMs,
        deadlineMs: created.deadlineMs,
        deadlineBasis: 'kept_as_shown',
        state: 'pending',
      },
    ]);
    const after = await service.getAccessRequest(ctx.provider.principal, created.id);
    expect(after).to.include({
      deadlineLocal: '2027-01-05T00:00:00+08:00',
      deadlineProvisional: false,
      deadlineBasis: 'kept_as_shown',
    });
    const [entry] = await ledgerEntries(created.id);
    expect(entry).to.include({
      kind: 'access_request.deadline_recomputed',
      computed_deadline_ms: shanghai('2027-01-03T00:00:00'),
      deadline_ms: created.deadlineMs,
      deadline_basis: 'kept_as_shown',
    });
    // A request filed after the import counts with the notice from the start.
    const later = await submit();
    expect(later).to.include({
      deadlineLocal: '2027-01-03T00:00:00+08:00',
      deadlineBasis: 'holiday_notices',
    });
  });

  it('returns an overdue request to pending when the notice shows its deadline is still ahead', async () => {
    const created = await submit();
    fixture.clock.set(shanghai('2027-01-05T09:00:00'));
    expect(await service.escalateOverdueAccessRequests()).to.deep.equal([created.id]);
    const imported = await holidayCalendar.importNotice(ctx.admin, notice2027Later);
    expect(imported.recomputedDeadlines.map((change) => change.state)).to.deep.equal(['pending']);
    const after = await service.getAccessRequest(ctx.provider.principal, created.id);
    expect(after).to.include({ state: 'pending', overdueAtMs: null, late: false });
    const answered = await service.approveAccessRequest(ctx.provider, created.id);
    expect(answered.answeredLate).to.equal(false);
  });

  it('changes nothing twice: recomputing again finds nothing to do', async () => {
    await submit();
    await holidayCalendar.importNotice(ctx.admin, notice2027Later);
    expect(await holidayCalendar.recomputeOpenDeadlines()).to.deep.equal([]);
    const again = await holidayCalendar.importNotice(ctx.admin, notice2027Later);
    expect(again.recomputedDeadlines).to.deep.equal([]);
    expect(again.replaced).to.include({ origin: 'imported' });
  });

  it('is in force for another gateway on the same database at once, and after a restart', async () => {
    const otherGateway = new AccessRequestService(
      fixture.deps,
      new HolidayCalendarService(fixture.deps),
    );
    const before = await submit(otherGateway);
    expect(before.deadlineProvisional).to.equal(true);
    await holidayCalendar.importNotice(ctx.admin, notice2027Later);
    const afterImport = await submit(otherGateway);
    expect(afterImport).to.include({
      deadlineLocal: '2027-01-06T00:00:00+08:00',
      deadlineProvisional: false,
    });
    const restarted = new HolidayCalendarService(fixture.deps);
    const listed = await restarted.listNotices(ctx.admin.principal);
    expect(listed.notices.map((notice) => [notice.year, notice.origin])).to.deep.equal([
      [2025, 'shipped'],
      [2026, 'shipped'],
      [2027, 'imported'],
    ]);
  });

  it('refuses an invalid notice naming each field, and anyone but an admin', async () => {
    const bad = {
      ...notice2027Later,
      holidays: [{ name: '元旦', nameEn: '', from: '2027-01-01', to: '2028-01-02' }],
      adjustedWorkingDays: [{ date: '2027-01-06', for: '元旦' }],
    };
    try {
      await holidayCalendar.importNotice(ctx.admin, bad);
      expect.fail('expected validation_failed');
    } catch (error) {
      expect((error as { code: string }).code).to.equal('validation_failed');
      expect(
        (error as { issues: { field: string }[] }).issues.map((issue) => issue.field),
      ).to.deep.equal(['holidays[0].nameEn', 'holidays[0].to', 'adjustedWorkingDays[0].date']);
    }
    expect(
      await codeOf(holidayCalendar.importNotice(ctx.admin, { ...notice2027Later, year: 3027 })),
    ).to.equal('validation_failed');
    expect(await codeOf(holidayCalendar.importNotice(ctx.provider, notice2027Later))).to.equal(
      'forbidden',
    );
    expect(await fixture.deps.db('holiday_notices').count({ n: '*' })).to.deep.equal([{ n: 0 }]);
  });

  it('recomputes at start from a HOLIDAY_CALENDAR_DIR file, and warns once a day while a notice is missing', async () => {
    const created = await submit();
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const warnings = () =>
      lines
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((line) => line.level === 40);

    // Before the file: the check at start warns (2027 is due from 1 November) and changes nothing.
    const worker = createHolidayCalendarWorker(holidayCalendar, logger);
    const first = await worker.tick();
    expect(first.status.missingYears).to.deep.equal([2027]);
    expect(first.warned).to.equal(true);
    expect(warnings()[0].msg).to.include('2027').and.include('anonex admin calendar import');
    expect((await worker.tick()).warned).to.equal(false);
    fixture.clock.set(shanghai('2026-12-31T09:00:00'));
    expect((await worker.tick()).warned).to.equal(true);
    fixture.clock.set(DEC_30_2026_MS);

    // A restart with the notice in HOLIDAY_CALENDAR_DIR: the first check recomputes.
    const directory = mkdtempSync(join(tmpdir(), 'anonex-calendar-'));
    try {
      writeFileSync(join(directory, 'cn-2027.json'), JSON.stringify(notice2027Later));
      const restarted = new HolidayCalendarService({
        ...fixture.deps,
        config: { ...fixture.deps.config, holidayCalendarDir: directory },
      });
      const check = await createHolidayCalendarWorker(restarted, logger).tick();
      expect(
        check.recomputed.map((change) => [change.accessRequestId, change.deadlineMs]),
      ).to.deep.equal([[created.id, shanghai('2027-01-06T00:00:00')]]);
      expect(check.status.missingYears).to.deep.equal([]);
      expect(check.warned).to.equal(false);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('does not warn before 1 November', async () => {
    fixture.clock.set(shanghai('2026-10-31T23:00:00'));
    expect((await holidayCalendar.noticeStatus()).missingYears).to.deep.equal([]);
    fixture.clock.set(shanghai('2026-11-01T00:00:00'));
    expect((await holidayCalendar.noticeStatus()).missingYears).to.deep.equal([2027]);
  });
});
