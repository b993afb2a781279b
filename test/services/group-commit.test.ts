// Group commit: records added together are written in one transaction; a record its group's
// transaction refuses is tried alone, so only it fails; each promise settles after its commit.
import { expect } from 'chai';
import { GroupCommit } from '../../src/services/group-commit.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

describe('services/group-commit', () => {
  let testDb: TestDatabase;

  before(async () => {
    testDb = await createTestDatabase();
    await testDb.db.schema.createTable('group_commit_probe', (table) => {
      table.integer('value').notNullable().unique();
    });
  });
  after(() => testDb.destroy());

  /** Transactions begun while `work` runs. */
  async function transactionsDuring(work: () => Promise<unknown>): Promise<number> {
    let begun = 0;
    const onQuery = (query: { sql: string }) => {
      if (/^begin/i.test(query.sql)) begun++;
    };
    testDb.db.on('query', onQuery);
    try {
      await work();
    } finally {
      testDb.db.removeListener('query', onQuery);
    }
    return begun;
  }

  const values = async () =>
    ((await testDb.db('group_commit_probe').orderBy('value')) as { value: number }[]).map((row) =>
      Number(row.value),
    );

  it('writes records added in one turn in one transaction, and answers each after the commit', async () => {
    const commit = new GroupCommit<number>(testDb.db, async (trx, records) => {
      await trx('group_commit_probe').insert(records.map((value) => ({ value })));
      return records.map(() => ({ value: undefined }));
    });
    const seen: number[][] = [];
    const begun = await transactionsDuring(() =>
      Promise.all(
        [1, 2, 3, 4, 5].map((value) =>
          commit.add(value).then(async () => seen.push(await values())),
        ),
      ),
    );
    expect(begun).to.equal(1);
    // Every caller, when answered, finds its record (and its neighbours') committed.
    expect(seen.every((rows) => rows.join() === '1,2,3,4,5')).to.equal(true);
  });

  it('refuses only the record the database refuses, writing its neighbours', async () => {
    const commit = new GroupCommit<number>(testDb.db, async (trx, records) => {
      await trx('group_commit_probe').insert(records.map((value) => ({ value })));
      return records.map(() => ({ value: undefined }));
    });
    // 3 is already there (unique): its group fails, then each record is tried alone.
    const outcomes = await Promise.allSettled([6, 3, 7].map((value) => commit.add(value)));
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await values()).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
  });
});
