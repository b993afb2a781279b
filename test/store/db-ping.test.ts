import { expect } from 'chai';
import { openDatabase, pingDatabase } from '../../src/store/db.js';

describe('store/db: pingDatabase (readiness)', () => {
  it('resolves while the database answers and rejects once it cannot', async () => {
    const db = await openDatabase({ url: 'sqlite::memory:' });
    await pingDatabase(db);
    await db.destroy();
    const failure = await pingDatabase(db).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(Error);
  });
});
