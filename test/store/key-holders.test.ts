// The one-statement key holder read answers as the two lookups it replaces (the naive oracle):
// findApiKeyByHash, then findMember with its roles in the same order.
import { expect } from 'chai';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { insertOrganization } from '../../src/store/repositories/organizations.js';
import { findMember, insertMember } from '../../src/store/repositories/members.js';
import { findApiKeyByHash, insertApiKey } from '../../src/store/repositories/api-keys.js';
import {
  findKeyHolderByHash,
  findKeyHoldersByHashes,
} from '../../src/store/repositories/key-holders.js';
import type { Role } from '../../src/domain/index.js';

// 2^52 + 1: a millisecond value beyond 32 bits that must survive bigint columns on both backends.
const LATE_MS = 4503599627370497;

describe(`store/repositories key holders (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let testDb: TestDatabase;
  const members: { id: string; roles: Role[] }[] = [
    { id: 'mem_many', roles: ['reviewer', 'buyer', 'provider'] },
    { id: 'mem_one', roles: ['admin'] },
  ];
  before(async () => {
    testDb = await createTestDatabase();
    await insertOrganization(testDb.db, {
      id: 'org_k',
      name: 'K Co',
      uscc: '91350100M000100Y43',
      kind: 'enterprise',
      createdAtMs: 1,
    });
    for (const { id, roles } of members) {
      await insertMember(testDb.db, {
        id,
        organizationId: 'org_k',
        displayName: `name of ${id}`,
        roles,
        createdAtMs: LATE_MS,
      });
      await insertApiKey(
        testDb.db,
        {
          id: `key_${id}`,
          memberId: id,
          prefix: 'ax_1234',
          label: 'k',
          createdAtMs: 5,
          expiresAtMs: LATE_MS,
          revokedAtMs: null,
          lastUsedAtMs: null,
        },
        `hash_${id}`,
      );
    }
  });
  after(async () => testDb.destroy());

  for (const { id } of members) {
    it(`reads the key of ${id} with its member as the two lookups do`, async () => {
      const apiKey = await findApiKeyByHash(testDb.db, `hash_${id}`);
      const want = { apiKey, member: await findMember(testDb.db, id) };
      let statements = 0;
      const onQuery = () => statements++;
      testDb.db.on('query', onQuery);
      try {
        expect(await findKeyHolderByHash(testDb.db, `hash_${id}`)).to.deep.equal(want);
      } finally {
        testDb.db.removeListener('query', onQuery);
      }
      expect(statements).to.equal(1);
    });
  }

  it('reads several keys with their members in one statement, as one by one', async () => {
    const hashes = members.map(({ id }) => `hash_${id}`);
    const want = new Map();
    for (const hash of hashes) want.set(hash, await findKeyHolderByHash(testDb.db, hash));
    let statements = 0;
    const onQuery = () => statements++;
    testDb.db.on('query', onQuery);
    try {
      const found = await findKeyHoldersByHashes(testDb.db, [...hashes, 'hash_none', hashes[0]]);
      expect(found).to.deep.equal(want);
    } finally {
      testDb.db.removeListener('query', onQuery);
    }
    expect(statements).to.equal(1);
  });

  it('answers undefined for a hash no key has', async () => {
    expect(await findKeyHolderByHash(testDb.db, 'hash_none')).to.equal(undefined);
  });
});
