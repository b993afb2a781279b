import { expect } from 'chai';
import pino from 'pino';
import { ManualClock } from '../../../src/core/clock.js';
import { ensureAdministrator } from '../../../src/services/identity/index.js';
import { sequentialIds } from '../../../src/services/ids.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { TEST_START_MS } from '../../helpers/gateway.js';

describe(`services/identity bootstrap (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let testDb: TestDatabase;
  before(async () => {
    testDb = await createTestDatabase();
  });
  after(() => testDb.destroy());

  it('two gateways starting at once create exactly one administrator and one admin key', async () => {
    const deps = (prefix: string) => ({
      db: testDb.db,
      clock: new ManualClock(TEST_START_MS),
      ids: { newId: (kind: string) => `${prefix}${sequentialIds().newId(kind)}` },
      logger: pino({ level: 'silent' }),
    });
    const outcomes = await Promise.all([
      ensureAdministrator(deps('a')),
      ensureAdministrator(deps('b')),
    ]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).to.deep.equal(['created', 'existing']);
    expect(outcomes[0].administrator.id).to.equal(outcomes[1].administrator.id);
    const [{ count }] = await testDb.db('api_keys').count({ count: '*' });
    expect(Number(count)).to.equal(1);
  });
});
