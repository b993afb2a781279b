import { expect } from 'chai';
import { ServiceError, type ServiceErrorCode } from '../../../src/services/errors.js';
import { ensureAdministrator } from '../../../src/services/identity/index.js';
import { LAST_USED_RESOLUTION_MS } from '../../../src/services/identity/authentication.js';
import { hashApiKey } from '../../../src/services/identity/api-key-secret.js';
import { requestContext } from '../../../src/services/request-context.js';
import { createIdentityFixture, type IdentityFixture } from '../../helpers/identity-services.js';
import { nextTestUscc } from '../../helpers/gateway.js';

async function expectServiceError(
  promise: Promise<unknown>,
  code: ServiceErrorCode,
): Promise<ServiceError> {
  let thrown: unknown;
  await promise.catch((error: unknown) => (thrown = error));
  expect(thrown, `expected ${code}`).to.be.instanceOf(ServiceError);
  expect((thrown as ServiceError).code).to.equal(code);
  return thrown as ServiceError;
}

describe(`services/identity (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let fixture: IdentityFixture;
  // One database for the file (a fresh PostgreSQL schema costs a second); each test makes its own objects.
  before(async () => {
    fixture = await createIdentityFixture();
  });
  after(() => fixture.destroy());

  it('bootstrap is idempotent: a second start finds the administrator and issues no key', async () => {
    const again = await ensureAdministrator(fixture.deps);
    expect(again.kind).to.equal('existing');
    expect(again.administrator.roles).to.deep.equal(['admin']);
    const keys = await fixture.services.apiKeys.listApiKeys(fixture.adminContext, {
      memberId: again.administrator.id,
    });
    expect(keys.items.filter((key) => key.label === 'first-start admin key')).to.have.length(1);
  });

  it('creates an organization with a valid USCC (normalised to upper case) and audits it', async () => {
    const uscc = nextTestUscc();
    const organization = await fixture.services.organizations.createOrganization(
      fixture.adminContext,
      {
        name: '  Binhai Water  ',
        uscc: uscc.toLowerCase(),
        kind: 'public-service',
      },
    );
    expect(organization).to.include({ name: 'Binhai Water', uscc, kind: 'public-service' });
    const audit = await fixture.services.auditTrail.listAuditEntries(fixture.adminContext, {
      action: 'organization.created',
      target: organization.id,
    });
    expect(audit.items).to.have.length(1);
    expect(audit.items[0]).to.include({
      actor: fixture.adminContext.principal.memberId,
      organizationId: organization.id,
      requestId: 'req-admin',
      atMs: fixture.clock.nowMs(),
    });
  });

  const invalidOrganizations = [
    { desc: 'bad check character', uscc: '91350100M000100Y44', code: 'validation_failed' as const },
    { desc: 'seventeen characters', uscc: '91350100M000100Y4', code: 'validation_failed' as const },
  ];
  for (const { desc, uscc, code } of invalidOrganizations) {
    it(`refuses an organization with ${desc}, naming the field`, async () => {
      const error = await expectServiceError(
        fixture.services.organizations.createOrganization(fixture.adminContext, {
          name: 'X',
          uscc,
          kind: 'enterprise',
        }),
        code,
      );
      expect(error.issues.map((issue) => issue.field)).to.deep.equal(['uscc']);
    });
  }

  it('refuses a second organization with the same USCC as a conflict, writing no audit row', async () => {
    const uscc = nextTestUscc();
    await fixture.services.organizations.createOrganization(fixture.adminContext, {
      name: 'A',
      uscc,
      kind: 'enterprise',
    });
    const before = await fixture.services.auditTrail.listAuditEntries(fixture.adminContext, {});
    await expectServiceError(
      fixture.services.organizations.createOrganization(fixture.adminContext, {
        name: 'B',
        uscc,
        kind: 'government',
      }),
      'conflict',
    );
    const after = await fixture.services.auditTrail.listAuditEntries(fixture.adminContext, {});
    expect(after.items.length).to.equal(before.items.length);
  });

  it('adds members with several roles; non-admins may not administer', async () => {
    const organization = await fixture.services.organizations.createOrganization(
      fixture.adminContext,
      {
        name: 'Org',
        uscc: nextTestUscc(),
        kind: 'enterprise',
      },
    );
    const member = await fixture.services.members.addMember(fixture.adminContext, {
      organizationId: organization.id,
      displayName: 'Li',
      roles: ['provider', 'buyer', 'provider'],
    });
    expect(member.roles).to.deep.equal(['buyer', 'provider']);
    const issued = await fixture.services.apiKeys.createApiKey(fixture.adminContext, {
      memberId: member.id,
      label: 'k',
    });
    const memberContext = requestContext(
      await fixture.services.authentication.authenticate(issued.key),
      'req-m',
    );
    await expectServiceError(
      fixture.services.organizations.listOrganizations(memberContext, {}),
      'forbidden',
    );
    await expectServiceError(
      fixture.services.members.addMember(memberContext, {
        organizationId: organization.id,
        displayName: 'x',
        roles: ['admin'],
      }),
      'forbidden',
    );
    await expectServiceError(
      fixture.services.auditTrail.listAuditEntries(memberContext, {}),
      'forbidden',
    );
    // Any member reads any organization's record; an unknown one is not found.
    const operator = await fixture.services.organizations.getOrganization(
      memberContext,
      fixture.adminContext.principal.organizationId,
    );
    expect(operator.kind).to.equal('public-service');
    await expectServiceError(
      fixture.services.organizations.getOrganization(memberContext, 'org_nope'),
      'not_found',
    );
  });

  it('issues 256-bit keys stored only as SHA-256 with a visible prefix, shown once', async () => {
    const admin = fixture.adminContext.principal;
    const issued = await fixture.services.apiKeys.createApiKey(fixture.adminContext, {
      memberId: admin.memberId,
      label: 'ci',
    });
    expect(issued.key).to.match(/^anx_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(issued.key.slice(4), 'base64url')).to.have.length(32);
    expect(issued.apiKey.prefix).to.equal(issued.key.slice(0, 12));
    const row = await fixture.deps.db('api_keys').where({ id: issued.apiKey.id }).first();
    expect(row.key_hash).to.equal(hashApiKey(issued.key));
    expect(JSON.stringify(row)).not.to.include(issued.key.slice(12));
    const listed = await fixture.services.apiKeys.listApiKeys(fixture.adminContext, {
      memberId: admin.memberId,
    });
    expect(JSON.stringify(listed)).not.to.include(issued.key.slice(12));
  });

  it('authenticates valid keys, records last use coarsely, and refuses unknown, revoked and expired keys alike', async () => {
    const admin = fixture.adminContext.principal;
    const issued = await fixture.services.apiKeys.createApiKey(fixture.adminContext, {
      memberId: admin.memberId,
      label: 'short-lived',
      expiresAtMs: fixture.clock.nowMs() + 3_600_000,
    });
    const principal = await fixture.services.authentication.authenticate(issued.key);
    expect(principal).to.deep.equal({ ...admin, apiKeyId: issued.apiKey.id });
    const usedAt = fixture.clock.nowMs();
    fixture.clock.advance(LAST_USED_RESOLUTION_MS - 1);
    await fixture.services.authentication.authenticate(issued.key);
    let listed = await fixture.services.apiKeys.listApiKeys(fixture.adminContext, {
      memberId: admin.memberId,
    });
    expect(listed.items.find((k) => k.id === issued.apiKey.id)?.lastUsedAtMs).to.equal(usedAt);
    fixture.clock.advance(1);
    await fixture.services.authentication.authenticate(issued.key);
    listed = await fixture.services.apiKeys.listApiKeys(fixture.adminContext, {
      memberId: admin.memberId,
    });
    expect(listed.items.find((k) => k.id === issued.apiKey.id)?.lastUsedAtMs).to.equal(
      usedAt + LAST_USED_RESOLUTION_MS,
    );

    const failures: [string | undefined, string][] = [
      [undefined, 'missing'],
      ['Bearer', 'malformed'],
      [`anx_${'A'.repeat(43)}`, 'unknown'],
    ];
    for (const [token, failure] of failures) {
      const error = await expectServiceError(
        fixture.services.authentication.authenticate(token),
        'unauthenticated',
      );
      expect(error.details.failure).to.equal(failure);
    }
    fixture.clock.advance(3_600_000);
    const expired = await expectServiceError(
      fixture.services.authentication.authenticate(issued.key),
      'unauthenticated',
    );
    expect(expired.details.failure).to.equal('expired');

    const other = await fixture.services.apiKeys.createApiKey(fixture.adminContext, {
      memberId: admin.memberId,
      label: 'x',
    });
    const revoked = await fixture.services.apiKeys.revokeApiKey(
      fixture.adminContext,
      other.apiKey.id,
    );
    expect(revoked.revokedAtMs).to.equal(fixture.clock.nowMs());
    const again = await fixture.services.apiKeys.revokeApiKey(
      fixture.adminContext,
      other.apiKey.id,
    );
    expect(again.revokedAtMs).to.equal(revoked.revokedAtMs);
    const error = await expectServiceError(
      fixture.services.authentication.authenticate(other.key),
      'unauthenticated',
    );
    expect(error.details.failure).to.equal('revoked');
    const revocations = await fixture.services.auditTrail.listAuditEntries(fixture.adminContext, {
      action: 'api_key.revoked',
    });
    expect(revocations.items.map((entry) => entry.target)).to.deep.equal([other.apiKey.id]);
  });

  it('looks up keys presented at the same moment in one statement, each answered as alone', async () => {
    const admin = fixture.adminContext.principal;
    const issued = await Promise.all(
      ['one', 'two', 'three'].map((label) =>
        fixture.services.apiKeys.createApiKey(fixture.adminContext, {
          memberId: admin.memberId,
          label,
        }),
      ),
    );
    // Revoked before it is presented: the lookup that answers it began after the revocation.
    await fixture.services.apiKeys.revokeApiKey(fixture.adminContext, issued[2].apiKey.id);
    let keyLookups = 0;
    const onQuery = (query: { sql: string }) => {
      if (/from [`"]api_keys[`"]/.test(query.sql)) keyLookups++;
    };
    fixture.deps.readDb.on('query', onQuery);
    let answers: (string | undefined)[];
    try {
      answers = await Promise.all(
        [issued[0].key, issued[1].key, issued[0].key, issued[2].key].map((key) =>
          fixture.services.authentication.authenticate(key).then(
            (principal) => principal.apiKeyId,
            (error: ServiceError) => `${error.code}: ${String(error.details.failure)}`,
          ),
        ),
      );
    } finally {
      fixture.deps.readDb.removeListener('query', onQuery);
    }
    expect(answers).to.deep.equal([
      issued[0].apiKey.id,
      issued[1].apiKey.id,
      issued[0].apiKey.id,
      'unauthenticated: revoked',
    ]);
    expect(keyLookups).to.equal(1);
  });

  it('refuses an expiry in the past and a key for an unknown member', async () => {
    const admin = fixture.adminContext.principal;
    await expectServiceError(
      fixture.services.apiKeys.createApiKey(fixture.adminContext, {
        memberId: admin.memberId,
        label: 'x',
        expiresAtMs: fixture.clock.nowMs(),
      }),
      'validation_failed',
    );
    await expectServiceError(
      fixture.services.apiKeys.createApiKey(fixture.adminContext, {
        memberId: 'mem_nobody',
        label: 'x',
      }),
      'not_found',
    );
    await expectServiceError(
      fixture.services.apiKeys.revokeApiKey(fixture.adminContext, 'key_nobody'),
      'not_found',
    );
  });

  it('pages the audit log newest first with a cursor and time filters', async () => {
    const made = [];
    for (let n = 0; n < 5; n++) {
      fixture.clock.advance(1000);
      made.push(
        await fixture.services.organizations.createOrganization(fixture.adminContext, {
          name: `O${n}`,
          uscc: nextTestUscc(),
          kind: 'enterprise',
        }),
      );
    }
    const first = await fixture.services.auditTrail.listAuditEntries(fixture.adminContext, {
      action: 'organization.created',
      limit: 2,
    });
    expect(first.items.map((e) => e.target)).to.deep.equal([made[4].id, made[3].id]);
    expect(first.nextCursor).to.be.a('string');
    const second = await fixture.services.auditTrail.listAuditEntries(fixture.adminContext, {
      action: 'organization.created',
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((e) => e.target)).to.deep.equal([made[2].id, made[1].id]);
    const windowed = await fixture.services.auditTrail.listAuditEntries(fixture.adminContext, {
      fromMs: made[1].createdAtMs,
      toMs: made[3].createdAtMs,
    });
    expect(windowed.items.map((e) => e.target)).to.deep.equal([made[2].id, made[1].id]);
    await expectServiceError(
      fixture.services.auditTrail.listAuditEntries(fixture.adminContext, {
        cursor: 'not-a-cursor',
      }),
      'validation_failed',
    );
  });
});
