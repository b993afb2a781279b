// The events feed: per organization, in order, resumable from a cursor.
import { expect } from 'chai';
import { EventFeedService, publishEvent } from '../../../src/services/events/index.js';
import { contextOf, createBuyerFixture, type BuyerFixture } from '../../helpers/buyer-workflow.js';

describe('services/events', () => {
  let fixture: BuyerFixture;
  before(async () => {
    fixture = await createBuyerFixture();
  });
  after(() => fixture.destroy());

  it('pages each organization through its own events after a cursor', async () => {
    const feed = new EventFeedService(fixture.deps);
    for (const [organizations, subject] of [
      [['org_a', 'org_b'], 's1'],
      [['org_a'], 's2'],
      [['org_b'], 's3'],
      [['org_a', 'org_a'], 's4'],
    ] as const) {
      await fixture.deps.db.transaction((trx) =>
        publishEvent(trx, fixture.deps.clock, {
          kind: 'trade.created',
          organizationIds: organizations,
          subjectId: subject,
          payload: {},
        }),
      );
    }
    const a = contextOf('m_a', 'org_a', ['buyer']).principal;
    const first = await feed.listEvents(a, { limit: 2 });
    expect(first.events.map((event) => event.subjectId)).to.deep.equal(['s1', 's2']);
    const rest = await feed.listEvents(a, { after: first.cursor });
    expect(rest.events.map((event) => event.subjectId)).to.deep.equal(['s4']);
    const none = await feed.listEvents(a, { after: rest.cursor });
    expect(none).to.deep.equal({ events: [], cursor: rest.cursor });
    const b = contextOf('m_b', 'org_b', ['provider']).principal;
    expect((await feed.listEvents(b, {})).events.map((event) => event.subjectId)).to.deep.equal([
      's1',
      's3',
    ]);
    try {
      await feed.listEvents(a, { after: 'abc' });
      expect.fail('expected validation_failed');
    } catch (error) {
      expect((error as { code: string }).code).to.equal('validation_failed');
    }
  });
});
