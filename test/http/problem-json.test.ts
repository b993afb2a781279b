import { expect } from 'chai';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';

/** Asserts the RFC 9457 shape every error shares, and returns the body for further checks. */
function expectProblem(
  reply: { status: number; headers: Headers; json: Record<string, unknown>; text: string },
  status: number,
  code: string,
) {
  expect(reply.status).to.equal(status);
  expect(reply.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(reply.json).to.include({ type: `urn:anonex:problem:${code}`, status, code });
  expect(reply.json.title).to.be.a('string').and.not.equal('');
  expect(reply.json.detail).to.be.a('string');
  expect(reply.json.requestId).to.equal(reply.headers.get('x-request-id'));
  expect(reply.text).not.to.match(/\bat [^\n]+:\d+:\d+/); // no stack frames
  return reply.json;
}

describe('http problem+json', () => {
  let gateway: TestGateway;
  let buyer: TestMember;
  before(async () => {
    gateway = await startTestGateway({ env: { JSON_BODY_LIMIT: '2kb' } });
    buyer = await gateway.createMember(['buyer']);
  });
  after(() => gateway.stop());

  it('400 validation_failed names the part and field of each failure', async () => {
    const reply = await gateway.request('POST', '/api/v1/admin/organizations', {
      key: gateway.admin.key,
      body: { name: '', kind: 'cooperative' },
    });
    const problem = expectProblem(reply, 400, 'validation_failed');
    const fields = (problem.errors as { field: string; reason: string }[]).map(
      (issue) => issue.field,
    );
    expect(fields).to.have.members(['body.name', 'body.uscc', 'body.kind']);
    const query = await gateway.request('GET', '/api/v1/admin/organizations?limit=0', {
      key: gateway.admin.key,
    });
    expect(expectProblem(query, 400, 'validation_failed').errors).to.have.length(1);
    expect(query.json.errors[0].field).to.equal('query.limit');
  });

  it('400 validation_failed from a service carries its field (bad USCC check character)', async () => {
    const reply = await gateway.request('POST', '/api/v1/admin/organizations', {
      key: gateway.admin.key,
      body: { name: 'X', uscc: '91350100M000100Y44', kind: 'enterprise' },
    });
    expect(expectProblem(reply, 400, 'validation_failed').errors).to.deep.equal([
      { field: 'uscc', reason: 'must be 18 characters of GB 32100 with a valid check character' },
    ]);
  });

  it('400 malformed_json for a body that does not parse', async () => {
    const reply = await gateway.request('POST', '/api/v1/admin/organizations', {
      key: gateway.admin.key,
      rawBody: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(reply, 400, 'malformed_json');
  });

  it('400 malformed_request for a path parameter that is not valid percent-encoding', async () => {
    const provider = await gateway.createMember(['provider']);
    const reply = await gateway.request('GET', '/api/v1/datasets/%C0%AE%C0%AE%2F', {
      key: provider.key,
    });
    expectProblem(reply, 400, 'malformed_request');
    const unauthenticated = await gateway.request('GET', '/api/v1/datasets/%E0%A4%A');
    expect(unauthenticated.status).to.be.oneOf([400, 401]);
    expect(unauthenticated.headers.get('content-type')).to.match(/^application\/problem\+json/);
  });

  it('431 request_header_too_large with a problem+json body for a 20 KB Authorization header', async () => {
    const reply = await gateway.request('GET', '/api/v1/me', { key: 'k'.repeat(20_000) });
    expectProblem(reply, 431, 'request_header_too_large');
    // The gateway still answers afterwards.
    expect((await gateway.request('GET', '/api/v1/me', { key: buyer.key })).status).to.equal(200);
  });

  it('400 validation_failed for names with NUL, bidi controls or nothing visible, on every name field', async () => {
    const provider = await gateway.createMember(['provider']);
    for (const name of ['visits\u0000', '\u202egnp.exe', '\u200b\u200b']) {
      const dataset = await gateway.request('POST', '/api/v1/datasets', {
        key: provider.key,
        body: { name, metadata: {} },
      });
      expectProblem(dataset, 400, 'validation_failed');
      expect(dataset.json.errors.map((issue: { field: string }) => issue.field)).to.include(
        'body.name',
      );
      const organization = await gateway.request('POST', '/api/v1/admin/organizations', {
        key: gateway.admin.key,
        body: { name, uscc: '91350100M000100Y43', kind: 'enterprise' },
      });
      expectProblem(organization, 400, 'validation_failed');
      expect(organization.json.errors[0].field).to.equal('body.name');
    }
    const member = await gateway.request('POST', '/api/v1/admin/members', {
      key: gateway.admin.key,
      body: {
        organizationId: provider.organization.id,
        displayName: '\u202eAdmin',
        roles: ['buyer'],
      },
    });
    expectProblem(member, 400, 'validation_failed');
    expect(member.json.errors[0].field).to.equal('body.displayName');
  });

  it('400 validation_failed for a PATCH that changes nothing', async () => {
    const provider = await gateway.createMember(['provider']);
    const reply = await gateway.request('PATCH', '/api/v1/listings/lst_any', {
      key: provider.key,
      body: {},
    });
    expectProblem(reply, 400, 'validation_failed');
    expect(reply.json.errors[0].reason).to.match(/at least one field/);
  });

  it('401 unauthenticated with a Bearer challenge, for a missing and for an unknown key', async () => {
    const missing = await gateway.request('GET', '/api/v1/me');
    expectProblem(missing, 401, 'unauthenticated');
    expect(missing.headers.get('www-authenticate')).to.equal('Bearer realm="anonex"');
    const unknown = await gateway.request('GET', '/api/v1/me', { key: `anx_${'x'.repeat(43)}` });
    expectProblem(unknown, 401, 'unauthenticated');
    expect(unknown.headers.get('www-authenticate')).to.equal(
      'Bearer realm="anonex", error="invalid_token"',
    );
  });

  it('403 forbidden for a role that may not act', async () => {
    const reply = await gateway.request('GET', '/api/v1/admin/organizations', { key: buyer.key });
    expectProblem(reply, 403, 'forbidden');
  });

  it('404 route_not_found for an unknown route, 404 not_found for an unknown object', async () => {
    expectProblem(await gateway.request('GET', '/api/v1/no-such-thing'), 404, 'route_not_found');
    const unknown = await gateway.request('GET', '/api/v1/organizations/org_nope', {
      key: gateway.admin.key,
    });
    expectProblem(unknown, 404, 'not_found');
  });

  it('409 conflict for a duplicate unified social credit code', async () => {
    const body = { name: 'Twice', uscc: '91440300708461136T', kind: 'enterprise' };
    expect(
      (
        await gateway.request('POST', '/api/v1/admin/organizations', {
          key: gateway.admin.key,
          body,
        })
      ).status,
    ).to.equal(201);
    const again = await gateway.request('POST', '/api/v1/admin/organizations', {
      key: gateway.admin.key,
      body,
    });
    expectProblem(again, 409, 'conflict');
  });

  it('413 payload_too_large over JSON_BODY_LIMIT', async () => {
    const reply = await gateway.request('POST', '/api/v1/admin/organizations', {
      key: gateway.admin.key,
      body: { name: 'x'.repeat(4096), uscc: '91350100M000100Y43', kind: 'enterprise' },
    });
    expectProblem(reply, 413, 'payload_too_large');
  });

  it('415 unsupported_media_type for a non-JSON body on a JSON route', async () => {
    const reply = await gateway.request('POST', '/api/v1/admin/organizations', {
      key: gateway.admin.key,
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(expectProblem(reply, 415, 'unsupported_media_type').details).to.deep.include({
      received: 'application/x-www-form-urlencoded',
    });
  });

  it('500 internal_error hides the cause and its stack, and logs it', async () => {
    const failing = await startTestGateway({
      routers: [
        () => ({
          routes: [
            {
              method: 'get',
              path: '/explode',
              summary: 'fails',
              tags: ['test'],
              auth: 'public',
              responses: {},
              handler: () => {
                throw new TypeError('secret internals at /srv/app.js:1:2');
              },
            },
          ],
        }),
      ],
    });
    try {
      const reply = await failing.request('GET', '/api/v1/explode');
      expectProblem(reply, 500, 'internal_error');
      expect(reply.text).not.to.include('secret internals');
      expect(failing.logText()).to.include('secret internals');
    } finally {
      await failing.stop();
    }
  });

  it('echoes a well-formed X-Request-Id and replaces a hostile one', async () => {
    const echoed = await gateway.request('GET', '/healthz', {
      headers: { 'x-request-id': 'trace-42.a' },
    });
    expect(echoed.headers.get('x-request-id')).to.equal('trace-42.a');
    const replaced = await gateway.request('GET', '/healthz', {
      headers: { 'x-request-id': 'a b<script>' },
    });
    expect(replaced.headers.get('x-request-id')).to.match(/^req_\d{6}$/);
  });
});
