// Access requests: deadlines in working days, refusals with reasons, escalation with an injected clock, disputes.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarError } from '../../../src/core/calendar/index.js';
import {
  AccessRequestService,
  createOverdueEscalationWorker,
} from '../../../src/services/access-requests/index.js';
import { EventFeedService } from '../../../src/services/events/index.js';
import {
  BUYER_START_MS,
  buyerWorkflowContexts,
  createBuyerFixture,
  createListingFixture,
  type BuyerFixture,
  type ListingFixture,
} from '../../helpers/buyer-workflow.js';
import { openEntry } from '../../../src/core/ledger/index.js';
import { findLedgerOpenings } from '../../../src/store/repositories/ledger-openings.js';
import { codeOf } from '../../helpers/service-fixture.js';

describe('services/access-requests', () => {
  let fixture: BuyerFixture;
  let listing: ListingFixture;
  let service: AccessRequestService;
  let ctx: ReturnType<typeof buyerWorkflowContexts>;

  const request = {
    purpose: 'research',
    intendedUse: 'Study of outpatient visit frequency by age band.',
    requestedDurationDays: 30,
    columns: ['age_band', 'visits'],
  };
  const submit = (who = ctx.buyerA) =>
    service.submitAccessRequest(who, { listingId: listing.listingId, ...request });

  // One database per file (fresh schemas are slow on PostgreSQL); each test gets its own listing
  // and provider, and open requests of earlier tests are withdrawn so queues start empty.
  before(async () => {
    fixture = await createBuyerFixture();
    service = new AccessRequestService(fixture.deps);
  });
  after(() => fixture.destroy());
  beforeEach(async () => {
    fixture.clock.set(BUYER_START_MS);
    await fixture.deps
      .db('access_requests')
      .whereIn('state', ['pending', 'overdue', 'disputed'])
      .update({ state: 'withdrawn' });
    listing = await createListingFixture(fixture.deps, { sharingType: 'conditional' });
    ctx = buyerWorkflowContexts(listing.providerOrganizationId);
  });

  it('fixes the deadline at receipt: Monday 17:00 Shanghai → end of Wednesday', async () => {
    const created = await submit();
    expect(created.state).to.equal('pending');
    expect(created.countedWorkingDays).to.deep.equal(['2026-01-06', '2026-01-07']);
    expect(created.deadlineLocal).to.equal('2026-01-08T00:00:00+08:00');
    expect(created.deadlineMs).to.equal(Date.parse('2026-01-07T16:00:00Z'));
    expect(created.late).to.equal(false);
    const providerFeed = await new EventFeedService(fixture.deps).listEvents(
      ctx.provider.principal,
      {},
    );
    expect(providerFeed.events.map((event) => event.kind)).to.deep.equal([
      'access_request.submitted',
    ]);
  });

  it('refuses a request for an unconditional listing', async () => {
    const open = await createListingFixture(fixture.deps, { sharingType: 'unconditional' });
    expect(
      await codeOf(
        service.submitAccessRequest(ctx.buyerA, { listingId: open.listingId, ...request }),
      ),
    ).to.equal('listing_not_orderable');
  });

  it('names every bad field of a request', async () => {
    try {
      await service.submitAccessRequest(ctx.buyerA, {
        listingId: listing.listingId,
        purpose: 'marketing',
        intendedUse: 'x',
        requestedDurationDays: 365,
        columns: ['age_band', 'name'],
      });
      expect.fail('expected validation_failed');
    } catch (error) {
      expect((error as { code: string }).code).to.equal('validation_failed');
      expect(
        (error as { issues: { field: string }[] }).issues.map((issue) => issue.field),
      ).to.deep.equal(['purpose', 'intendedUse', 'requestedDurationDays', 'columns[1]']);
    }
  });

  it('refuses a request from a member without the buyer role', async () => {
    expect(await codeOf(submit(ctx.provider))).to.equal('forbidden');
  });

  const incompleteRefusals = [
    { desc: 'nothing', input: {}, fields: ['reasonCode', 'reason', 'legalBasis'] },
    {
      desc: 'no written reason',
      input: { reasonCode: 'security_risk', legalBasis: 'Art. 16' },
      fields: ['reason'],
    },
    {
      desc: 'no legal basis',
      input: { reasonCode: 'security_risk', reason: 'Too sensitive' },
      fields: ['legalBasis'],
    },
    {
      desc: 'blank reason',
      input: { reasonCode: 'other', reason: '   ', legalBasis: 'Art. 16' },
      fields: ['reason'],
    },
    {
      desc: 'unknown code',
      input: { reasonCode: 'dislike', reason: 'No', legalBasis: 'Art. 16' },
      fields: ['reasonCode'],
    },
  ];
  for (const { desc, input, fields } of incompleteRefusals) {
    it(`refuses a refusal with ${desc}, and the request stays pending`, async () => {
      const created = await submit();
      try {
        await service.refuseAccessRequest(ctx.provider, created.id, input);
        expect.fail('expected validation_failed');
      } catch (error) {
        expect((error as { code: string }).code).to.equal('validation_failed');
        expect(
          (error as { issues: { field: string }[] }).issues.map((issue) => issue.field),
        ).to.deep.equal(fields);
      }
      expect((await service.getAccessRequest(ctx.buyerA.principal, created.id)).state).to.equal(
        'pending',
      );
    });
  }

  it('records a complete refusal in the ledger outbox with hashed reasons', async () => {
    const created = await submit();
    const refused = await service.refuseAccessRequest(ctx.provider, created.id, {
      reasonCode: 'purpose_not_permitted',
      reason: 'The stated research is not covered by our licence.',
      legalBasis: 'Tianjin Big Data Regulations Art. 16; provider licence §3',
    });
    expect(refused).to.include({
      state: 'refused',
      refusalReasonCode: 'purpose_not_permitted',
      decidedAs: 'provider',
    });
    const outbox = (
      await fixture.deps.db('ledger_outbox').where({ kind: 'access_request.decided' })
    ).filter((row: { entry_json: string }) => row.entry_json.includes(created.id));
    expect(outbox).to.have.length(1);
    const signed = JSON.parse(outbox[0].entry_json);
    expect(signed.commitments).to.have.property('refusal_sha256');
    expect(signed).not.to.have.property('buyer_organization_id');
    const entry = openEntry(
      signed,
      (await findLedgerOpenings(fixture.deps.db, outbox[0].id))?.openings,
    ) as Record<string, unknown>;
    expect(entry).to.include({
      access_request_id: created.id,
      decision: 'refused',
      reason_code: 'purpose_not_permitted',
    });
    expect(entry.refusal_sha256).to.match(/^[0-9a-f]{64}$/);
    expect(outbox[0].entry_json).to.not.include('licence §3');
  });

  it('hides a request from another buyer and another provider', async () => {
    const created = await submit();
    expect(await codeOf(service.getAccessRequest(ctx.buyerB.principal, created.id))).to.equal(
      'not_found',
    );
    expect(await codeOf(service.approveAccessRequest(ctx.otherProvider, created.id))).to.equal(
      'not_found',
    );
    expect(await codeOf(service.withdrawAccessRequest(ctx.buyerB, created.id))).to.equal(
      'not_found',
    );
  });

  it('escalates an unanswered request exactly at the deadline (injected clock), into the admins queue', async () => {
    const created = await submit();
    const worker = createOverdueEscalationWorker(service, fixture.deps.logger);
    fixture.clock.set(created.deadlineMs - 1);
    expect(await worker.tick()).to.deep.equal([]);
    fixture.clock.set(created.deadlineMs);
    expect(await worker.tick()).to.deep.equal([created.id]);
    expect(await worker.tick()).to.deep.equal([]);
    const queue = await service.listAccessRequests(ctx.admin.principal, 'authority', {});
    expect(queue.items.map((item) => [item.id, item.state, item.late])).to.deep.equal([
      [created.id, 'overdue', true],
    ]);
    const buyerFeed = await new EventFeedService(fixture.deps).listEvents(ctx.buyerA.principal, {});
    expect(buyerFeed.events.map((event) => event.kind)).to.include('access_request.overdue');
    const audit = await fixture.deps
      .db('audit_log')
      .where({ action: 'access_request.escalated', target: created.id });
    expect(audit.map((row: { actor: string }) => row.actor)).to.deep.equal([
      'system:access-request-deadlines',
    ]);
  });

  it('does not escalate a request answered in time', async () => {
    const created = await submit();
    fixture.clock.set(created.deadlineMs - 60_000);
    await service.approveAccessRequest(ctx.provider, created.id, {
      columns: ['visits'],
      durationDays: 10,
    });
    fixture.clock.set(created.deadlineMs + 86_400_000);
    expect(await service.escalateOverdueAccessRequests()).to.deep.equal([]);
    const seen = await service.getAccessRequest(ctx.buyerA.principal, created.id);
    expect(seen).to.include({
      state: 'approved',
      answeredLate: false,
      late: false,
      approvedDurationDays: 10,
    });
    expect(seen.approvedColumns).to.deep.equal(['visits']);
  });

  it('lets the provider answer late (recorded) and the admins decide an overdue request as the authority', async () => {
    const first = await submit();
    const second = await submit(ctx.buyerA2);
    fixture.clock.set(first.deadlineMs + 1);
    await service.escalateOverdueAccessRequests();
    const late = await service.approveAccessRequest(ctx.provider, first.id);
    expect(late).to.include({ state: 'approved', answeredLate: true, decidedAs: 'provider' });
    const byAuthority = await service.refuseAccessRequest(ctx.admin, second.id, {
      reasonCode: 'other',
      reason: 'Provider did not answer; the request lacks a contract.',
      legalBasis: 'Art. 23',
    });
    expect(byAuthority).to.include({ state: 'refused', decidedAs: 'authority' });
  });

  it('refuses an admin decision on a request that is not overdue', async () => {
    const created = await submit();
    expect(await codeOf(service.approveAccessRequest(ctx.admin, created.id))).to.equal(
      'invalid_transition',
    );
  });

  it('takes a dispute to the admins, who may overturn the refusal; one dispute per request', async () => {
    const created = await submit();
    await service.refuseAccessRequest(ctx.provider, created.id, {
      reasonCode: 'security_risk',
      reason: 'Region codes are too fine.',
      legalBasis: 'Data Security Law Art. 21',
    });
    expect(await codeOf(service.disputeAccessRequest(ctx.buyerA, created.id, {}))).to.equal(
      'validation_failed',
    );
    const disputed = await service.disputeAccessRequest(ctx.buyerA, created.id, {
      statement: 'The region column is not requested at all.',
    });
    expect(disputed.state).to.equal('disputed');
    expect(
      (await service.listAccessRequests(ctx.admin.principal, 'authority', {})).items.map(
        (i) => i.id,
      ),
    ).to.deep.equal([created.id]);
    expect(
      await codeOf(
        service.decideDispute(ctx.provider, created.id, { outcome: 'upheld', reason: 'x' }),
      ),
    ).to.equal('forbidden');
    expect(
      await codeOf(service.decideDispute(ctx.admin, created.id, { outcome: 'maybe', reason: '' })),
    ).to.equal('validation_failed');
    const decided = await service.decideDispute(ctx.admin, created.id, {
      outcome: 'overturned',
      reason: 'The refusal reason does not concern the requested columns.',
    });
    expect(decided).to.include({
      state: 'approved',
      disputeOutcome: 'overturned',
      decidedAs: 'authority',
    });
    expect(decided.approvedColumns).to.deep.equal(request.columns);
    const kinds = (await fixture.deps.db('ledger_outbox').orderBy('id'))
      .filter((row: { entry_json: string }) => row.entry_json.includes(created.id))
      .map((row: { kind: string }) => row.kind);
    expect(kinds).to.deep.equal([
      'access_request.decided',
      'access_request.disputed',
      'access_request.decided',
    ]);
  });

  it('refuses a second dispute after a dispute was upheld', async () => {
    const created = await submit();
    await service.refuseAccessRequest(ctx.provider, created.id, {
      reasonCode: 'other',
      reason: 'No.',
      legalBasis: 'Art. 16',
    });
    await service.disputeAccessRequest(ctx.buyerA, created.id, {
      statement: 'The reason is insufficient.',
    });
    await service.decideDispute(ctx.admin, created.id, {
      outcome: 'upheld',
      reason: 'The basis is sound.',
    });
    expect(
      await codeOf(
        service.disputeAccessRequest(ctx.buyerA, created.id, {
          statement: 'Again, please reconsider.',
        }),
      ),
    ).to.equal('invalid_transition');
  });

  it('takes later years from HOLIDAY_CALENDAR_DIR, and refuses to start on a bad file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'anonex-calendar-'));
    try {
      // Test data, not the State Council's notice: 1–3 January 2027 off, nothing else.
      const year2027 = {
        year: 2027,
        timeZone: 'Asia/Shanghai',
        source: { title: 'test calendar', reference: 'test data', issuedOn: '2026-11-01' },
        holidays: [
          { name: '元旦', nameEn: "New Year's Day", from: '2027-01-01', to: '2027-01-03' },
        ],
        adjustedWorkingDays: [],
      };
      writeFileSync(join(directory, 'cn-2027.json'), JSON.stringify(year2027));
      const withFile = new AccessRequestService({
        ...fixture.deps,
        config: { ...fixture.deps.config, holidayCalendarDir: directory },
      });
      // Received Wednesday 30 Dec: Thursday 31 Dec is day 1, Friday 1 Jan a holiday, Monday day 2.
      fixture.clock.set(Date.parse('2026-12-30T10:00:00+08:00'));
      const created = await withFile.submitAccessRequest(ctx.buyerA, {
        listingId: listing.listingId,
        ...request,
      });
      expect(created.deadlineLocal).to.equal('2027-01-05T00:00:00+08:00');
      expect(created).to.include({ deadlineProvisional: false, deadlineBasis: 'holiday_notices' });
      await withFile.withdrawAccessRequest(ctx.buyerA, created.id);

      writeFileSync(join(directory, 'cn-2028.json'), JSON.stringify(year2027));
      expect(
        () =>
          new AccessRequestService({
            ...fixture.deps,
            config: { ...fixture.deps.config, holidayCalendarDir: directory },
          }),
      ).to.throw(CalendarError, /cn-2028\.json: holds year 2027/);
      writeFileSync(join(directory, 'cn-2028.json'), '{ "year": 2028, ');
      expect(
        () =>
          new AccessRequestService({
            ...fixture.deps,
            config: { ...fixture.deps.config, holidayCalendarDir: directory },
          }),
      ).to.throw(CalendarError, /cn-2028\.json: .*JSON/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
