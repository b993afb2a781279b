import { expect } from 'chai';
import { toOpenApiPath } from '../../src/http/define-route.js';
import { notice2027Later } from '../helpers/holiday-notices.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';

/**
 * A valid request per admin operation, so "right role" means success, not merely "not 401/403".
 * A new admin route without a row here fails the completeness test below.
 */
type Sample = (
  gateway: TestGateway,
  subject: TestMember,
) => { path: string; body?: unknown; want: number };
const samples: Record<string, Sample> = {
  'post /api/v1/admin/organizations': (_g, _s) => ({
    path: '/api/v1/admin/organizations',
    body: { name: 'Matrix Org', uscc: '91110000600037341L', kind: 'government' },
    want: 201,
  }),
  'get /api/v1/admin/organizations': () => ({ path: '/api/v1/admin/organizations', want: 200 }),
  'post /api/v1/admin/members': (_g, subject) => ({
    path: '/api/v1/admin/members',
    body: { organizationId: subject.organization.id, displayName: 'New', roles: ['reviewer'] },
    want: 201,
  }),
  'get /api/v1/admin/members': () => ({ path: '/api/v1/admin/members?role=buyer', want: 200 }),
  'post /api/v1/admin/api-keys': (_g, subject) => ({
    path: '/api/v1/admin/api-keys',
    body: { memberId: subject.member.id, label: 'matrix' },
    want: 201,
  }),
  'get /api/v1/admin/api-keys': () => ({ path: '/api/v1/admin/api-keys', want: 200 }),
  'post /api/v1/admin/api-keys/{apiKeyId}/revoke': (_g, subject) => ({
    path: `/api/v1/admin/api-keys/${subject.apiKeyId}/revoke`,
    want: 200,
  }),
  'get /api/v1/admin/audit': () => ({ path: '/api/v1/admin/audit?limit=5', want: 200 }),
  'post /api/v1/admin/holiday-notices': () => ({
    path: '/api/v1/admin/holiday-notices',
    body: notice2027Later,
    want: 200,
  }),
  'get /api/v1/admin/holiday-notices': () => ({
    path: '/api/v1/admin/holiday-notices',
    want: 200,
  }),
  'get /api/v1/admin/ledger/reconciliation': () => ({
    path: '/api/v1/admin/ledger/reconciliation',
    want: 200,
  }),
};

describe('http admin auth matrix', () => {
  let gateway: TestGateway;
  let revoked: TestMember;
  let expired: TestMember;
  let everyOtherRole: TestMember;
  let secondAdmin: TestMember;
  before(async () => {
    gateway = await startTestGateway();
    revoked = await gateway.createMember(['admin']);
    await gateway.services.apiKeys.revokeApiKey(gateway.admin.context, revoked.apiKeyId);
    expired = await gateway.createMember(['admin'], { expiresAtMs: gateway.clock.nowMs() + 1000 });
    gateway.clock.advance(1000);
    everyOtherRole = await gateway.createMember(['provider', 'buyer', 'reviewer']);
    secondAdmin = await gateway.createMember(['admin']);
  });
  after(() => gateway.stop());

  const adminOperations = () =>
    gateway.running.app.routes
      .filter(({ fullPath }) => fullPath.startsWith('/api/v1/admin'))
      .map(({ fullPath, route }) => ({
        operation: `${route.method} ${toOpenApiPath(fullPath)}`,
        method: route.method,
      }));

  it('has a sample request for every admin route, and no stale samples', () => {
    const operations = adminOperations().map(({ operation }) => operation);
    expect(operations).to.have.length.greaterThan(0);
    expect(operations.sort()).to.deep.equal(Object.keys(samples).sort());
  });

  const cases: {
    desc: string;
    key: (g: TestGateway) => string | undefined;
    want: number | 'sample';
  }[] = [
    { desc: 'no key', key: () => undefined, want: 401 },
    { desc: 'a revoked key', key: () => revoked.key, want: 401 },
    { desc: 'an expired key', key: () => expired.key, want: 401 },
    { desc: 'a key holding every role but admin', key: () => everyOtherRole.key, want: 403 },
    { desc: 'an admin key', key: () => secondAdmin.key, want: 'sample' },
  ];
  for (const { desc, key, want } of cases) {
    it(`every admin route with ${desc} answers ${want === 'sample' ? 'its success status' : want}`, async () => {
      for (const { operation, method } of adminOperations()) {
        // Each subject is fresh so revocation and creation samples do not interfere.
        const subject = want === 'sample' ? await gateway.createMember(['buyer']) : everyOtherRole;
        const sample = samples[operation](gateway, subject);
        if (operation === 'post /api/v1/admin/organizations' && want === 'sample') {
          await gateway.db('organizations').where({ uscc: '91110000600037341L' }).delete();
        }
        const reply = await gateway.request(method.toUpperCase(), sample.path, {
          key: key(gateway),
          body: sample.body,
        });
        const expected = want === 'sample' ? sample.want : want;
        expect(reply.status, `${operation}: ${reply.text}`).to.equal(expected);
        if (expected === 401)
          expect(reply.headers.get('www-authenticate')).to.match(/^Bearer realm="anonex"/);
      }
    });
  }
});
