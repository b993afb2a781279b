// publishEventsWithWrites writes what writeTogether and publishEvents write one after the other
// (the naive oracle): the same feed rows and webhook deliveries in the same order, and the other
// writes; on PostgreSQL in one statement.
import { expect } from 'chai';
import { ManualClock } from '../../../src/core/clock.js';
import {
  publishEvents,
  publishEventsWithWrites,
  type EventToPublish,
} from '../../../src/services/events/index.js';
import { writePart, writeTogether } from '../../../src/store/db.js';
import { insertWebhookSubscription } from '../../../src/store/repositories/events.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';

const kind = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

describe(`services/events publishEventsWithWrites (${kind})`, () => {
  let testDb: TestDatabase;
  const clock = new ManualClock(1_700_000_000_000);

  before(async () => {
    testDb = await createTestDatabase();
    await testDb.db.schema.createTable('publish_probe', (table) => {
      table.string('subject').notNullable();
    });
    const subscriptions: [string, string, 'active' | 'disabled'][] = [
      ['whs_b1', 'org_b', 'active'],
      ['whs_a2', 'org_a', 'active'],
      ['whs_a1', 'org_a', 'active'],
      ['whs_a3', 'org_a', 'disabled'],
    ];
    for (const [id, organizationId, state] of subscriptions)
      await insertWebhookSubscription(testDb.db, {
        id,
        organizationId,
        url: 'https://hooks.example/x',
        sealedSecret: 'sealed',
        state,
        createdBy: 'mem_x',
        createdAtMs: 1,
        updatedAtMs: 1,
      });
  });
  after(() => testDb.destroy());

  const eventsAbout = (subject: string): EventToPublish[] => [
    {
      kind: 'trade.created',
      organizationIds: ['org_a', 'org_b'],
      subjectId: `${subject}_1`,
      payload: { n: 1 },
    },
    {
      kind: 'trade.created',
      organizationIds: ['org_c', 'org_a', 'org_a'],
      subjectId: `${subject}_2`,
      payload: { n: 2 },
    },
  ];

  /** Feed rows and deliveries about `subject`, in id order, ids left out. */
  async function writtenAbout(subject: string) {
    const events = (await testDb
      .db('events')
      .where('subject_id', 'like', `${subject}_%`)
      .orderBy('id')) as {
      id: number;
      organization_id: string;
      kind: string;
      subject_id: string;
      payload_json: string;
      created_at_ms: number | string;
    }[];
    const subjectOf = new Map(events.map((event) => [Number(event.id), event.subject_id]));
    const deliveries = (await testDb
      .db('webhook_deliveries')
      .whereIn('event_id', [...subjectOf.keys()])
      .orderBy('id')) as Record<string, unknown>[];
    const probes = (await testDb.db('publish_probe').where('subject', subject)) as unknown[];
    return {
      events: events.map(({ id: _id, created_at_ms, ...event }) => ({
        ...event,
        createdAtMs: Number(created_at_ms),
      })),
      deliveries: deliveries.map((delivery) => ({
        subscription: delivery.subscription_id,
        subject: subjectOf.get(Number(delivery.event_id)),
        state: delivery.state,
        attempts: Number(delivery.attempts),
        nextAttemptAtMs: Number(delivery.next_attempt_at_ms),
        createdAtMs: Number(delivery.created_at_ms),
      })),
      probes: probes.length,
    };
  }

  it('writes the feed rows, deliveries and other writes that publishEvents and writeTogether do', async () => {
    await testDb.db.transaction(async (trx) => {
      await writeTogether(trx, [writePart(trx('publish_probe').insert({ subject: 'old' }))]);
      await publishEvents(trx, clock, eventsAbout('old'));
    });
    let statements = 0;
    const onQuery = () => statements++;
    testDb.db.on('query', onQuery);
    try {
      await testDb.db.transaction((trx) =>
        publishEventsWithWrites(trx, clock, eventsAbout('new'), [
          writePart(trx('publish_probe').insert({ subject: 'new' })),
          undefined,
        ]),
      );
    } finally {
      testDb.db.removeListener('query', onQuery);
    }
    const want = await writtenAbout('old');
    const got = await writtenAbout('new');
    const renamed = JSON.parse(JSON.stringify(got).replaceAll('new_', 'old_')) as typeof got;
    expect(renamed).to.deep.equal(want);
    expect(want.deliveries.map((delivery) => delivery.subscription)).to.deep.equal([
      'whs_a1',
      'whs_a2',
      'whs_b1',
      'whs_a1',
      'whs_a2',
    ]);
    expect(got.probes).to.equal(1);
    // BEGIN and COMMIT around one statement on PostgreSQL.
    if (kind === 'postgres') expect(statements).to.equal(3);
  });
});
