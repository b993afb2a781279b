import { expect } from 'chai';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import {
  insertOrganization,
  findOrganization,
  findOrganizationByUscc,
  listOrganizations,
} from '../../src/store/repositories/organizations.js';
import { insertMember, findMember, listMembers } from '../../src/store/repositories/members.js';
import {
  insertApiKey,
  findApiKeyByHash,
  findApiKey,
  listApiKeys,
  markApiKeyRevoked,
  markApiKeyUsed,
} from '../../src/store/repositories/api-keys.js';
import { insertAuditEntry, listAuditEntries } from '../../src/store/repositories/audit-log.js';

// 2^52 + 1: a millisecond value beyond 32 bits that must survive bigint columns on both backends.
const LATE_MS = 4503599627370497;

describe(`store/repositories identity (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let testDb: TestDatabase;
  before(async () => {
    testDb = await createTestDatabase();
    await insertOrganization(testDb.db, {
      id: 'org_a',
      name: 'A Co',
      uscc: '91350100M000100Y43',
      kind: 'enterprise',
      createdAtMs: 1,
    });
    await insertOrganization(testDb.db, {
      id: 'org_b',
      name: 'B Dept',
      uscc: '91440300708461136T',
      kind: 'government',
      createdAtMs: 2,
    });
  });
  after(async () => testDb.destroy());

  it('round-trips organizations and pages them by id', async () => {
    expect(await findOrganization(testDb.db, 'org_b')).to.deep.equal({
      id: 'org_b',
      name: 'B Dept',
      uscc: '91440300708461136T',
      kind: 'government',
      createdAtMs: 2,
    });
    expect((await findOrganizationByUscc(testDb.db, '91350100M000100Y43'))?.id).to.equal('org_a');
    expect(await findOrganization(testDb.db, 'org_zz')).to.equal(undefined);
    expect((await listOrganizations(testDb.db, { limit: 1 })).map((o) => o.id)).to.deep.equal([
      'org_a',
    ]);
    expect(
      (await listOrganizations(testDb.db, { limit: 5, afterId: 'org_a' })).map((o) => o.id),
    ).to.deep.equal(['org_b']);
  });

  it('round-trips members with several roles and filters by role', async () => {
    await insertMember(testDb.db, {
      id: 'mem_1',
      organizationId: 'org_a',
      displayName: 'Ann',
      roles: ['buyer', 'provider'],
      createdAtMs: LATE_MS,
    });
    await insertMember(testDb.db, {
      id: 'mem_2',
      organizationId: 'org_b',
      displayName: 'Bo',
      roles: ['reviewer'],
      createdAtMs: 3,
    });
    expect(await findMember(testDb.db, 'mem_1')).to.deep.equal({
      id: 'mem_1',
      organizationId: 'org_a',
      displayName: 'Ann',
      roles: ['buyer', 'provider'],
      createdAtMs: LATE_MS,
    });
    expect(
      (await listMembers(testDb.db, { role: 'reviewer', limit: 10 })).map((m) => m.id),
    ).to.deep.equal(['mem_2']);
    expect(
      (await listMembers(testDb.db, { organizationId: 'org_a', limit: 10 })).map((m) => m.id),
    ).to.deep.equal(['mem_1']);
  });

  it('round-trips API keys by hash, marks use and revocation', async () => {
    const record = {
      id: 'key_1',
      memberId: 'mem_1',
      prefix: 'anx_abcdefgh',
      label: 'laptop',
      createdAtMs: 10,
      expiresAtMs: LATE_MS,
      revokedAtMs: null,
      lastUsedAtMs: null,
    };
    await insertApiKey(testDb.db, record, 'a'.repeat(64));
    expect(await findApiKeyByHash(testDb.db, 'a'.repeat(64))).to.deep.equal(record);
    expect(await findApiKeyByHash(testDb.db, 'b'.repeat(64))).to.equal(undefined);
    await markApiKeyUsed(testDb.db, 'key_1', 20);
    await markApiKeyRevoked(testDb.db, 'key_1', 30);
    await markApiKeyRevoked(testDb.db, 'key_1', 40);
    const after = await findApiKey(testDb.db, 'key_1');
    expect([after?.lastUsedAtMs, after?.revokedAtMs]).to.deep.equal([20, 30]);
    expect(
      (await listApiKeys(testDb.db, { organizationId: 'org_a', limit: 5 })).map((k) => k.id),
    ).to.deep.equal(['key_1']);
    expect(await listApiKeys(testDb.db, { organizationId: 'org_b', limit: 5 })).to.deep.equal([]);
  });

  it('appends audit entries and pages them newest first with filters', async () => {
    for (let n = 1; n <= 5; n++) {
      await insertAuditEntry(testDb.db, {
        atMs: 100 * n,
        actor: n % 2 ? 'mem_1' : 'mem_2',
        apiKeyId: null,
        organizationId: n % 2 ? 'org_a' : 'org_b',
        action: n === 5 ? 'api_key.revoked' : 'member.added',
        target: `t${n}`,
        requestId: `req-${n}`,
        details: { n },
      });
    }
    const all = await listAuditEntries(testDb.db, { limit: 10 });
    expect(all.map((e) => e.target)).to.deep.equal(['t5', 't4', 't3', 't2', 't1']);
    expect(all[0].details).to.deep.equal({ n: 5 });
    const page2 = await listAuditEntries(testDb.db, { limit: 2, beforeId: all[1].id });
    expect(page2.map((e) => e.target)).to.deep.equal(['t3', 't2']);
    expect(
      (await listAuditEntries(testDb.db, { limit: 10, organizationId: 'org_b' })).map(
        (e) => e.target,
      ),
    ).to.deep.equal(['t4', 't2']);
    expect(
      (await listAuditEntries(testDb.db, { limit: 10, fromMs: 200, toMs: 400 })).map(
        (e) => e.target,
      ),
    ).to.deep.equal(['t3', 't2']);
    expect(
      (await listAuditEntries(testDb.db, { limit: 10, action: 'api_key.revoked' })).map(
        (e) => e.target,
      ),
    ).to.deep.equal(['t5']);
  });

  it('a transaction that throws leaves nothing behind', async () => {
    const failing = testDb.db.transaction(async (trx) => {
      await insertOrganization(trx, {
        id: 'org_tx',
        name: 'Tx',
        uscc: '91110000600037341L',
        kind: 'enterprise',
        createdAtMs: 5,
      });
      await insertMember(trx, {
        id: 'mem_tx',
        organizationId: 'org_tx',
        displayName: 'T',
        roles: ['admin'],
        createdAtMs: 5,
      });
      await insertAuditEntry(trx, {
        atMs: 5,
        actor: 'mem_tx',
        apiKeyId: null,
        organizationId: 'org_tx',
        action: 'organization.created',
        target: 'org_tx',
        requestId: null,
        details: {},
      });
      throw new Error('boom');
    });
    let thrown: unknown;
    await failing.catch((error: unknown) => (thrown = error));
    expect((thrown as Error).message).to.equal('boom');
    expect(await findOrganization(testDb.db, 'org_tx')).to.equal(undefined);
    expect(await findMember(testDb.db, 'mem_tx')).to.equal(undefined);
    expect(await listAuditEntries(testDb.db, { limit: 10, target: 'org_tx' })).to.deep.equal([]);
  });

  it('refuses a duplicate unified social credit code and a member of an unknown organization', async () => {
    const duplicate = insertOrganization(testDb.db, {
      id: 'org_dup',
      name: 'Dup',
      uscc: '91350100M000100Y43',
      kind: 'enterprise',
      createdAtMs: 1,
    });
    await expectRejection(duplicate);
    const orphan = insertMember(testDb.db, {
      id: 'mem_orphan',
      organizationId: 'org_none',
      displayName: 'X',
      roles: ['buyer'],
      createdAtMs: 1,
    });
    await expectRejection(orphan);
  });
});

async function expectRejection(promise: Promise<unknown>): Promise<void> {
  let rejected = false;
  await promise.catch(() => (rejected = true));
  expect(rejected).to.equal(true);
}
