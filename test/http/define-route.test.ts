import { expect } from 'chai';
import { z } from 'zod';
import { defineRoute } from '../../src/http/define-route.js';
import { startTestGateway, type TestGateway, type TestMember } from '../helpers/gateway.js';

describe('http defineRoute conventions', () => {
  let gateway: TestGateway;
  let reviewer: TestMember;
  before(async () => {
    gateway = await startTestGateway({
      env: { JSON_BODY_LIMIT: '1kb' },
      routers: [
        () => ({
          routes: [
            defineRoute({
              method: 'post',
              path: '/uploads',
              summary: 'streams a CSV body',
              tags: ['test'],
              auth: 'key',
              request: { upload: { contentTypes: ['text/csv'], description: 'CSV' } },
              responses: { 201: { description: 'stored' } },
              handler: async ({ req, principal }) => {
                let sizeBytes = 0;
                for await (const chunk of req) sizeBytes += (chunk as Buffer).length;
                return { status: 201, body: { sizeBytes, memberId: principal.memberId } };
              },
            }),
            defineRoute({
              method: 'get',
              path: '/things/:thingId',
              summary: 'typed params and query',
              tags: ['test'],
              auth: 'optional',
              request: {
                params: z.object({ thingId: z.string().regex(/^thing_\d+$/) }),
                query: z.object({ depth: z.coerce.number().int().min(1).max(3).default(1) }),
              },
              responses: { 200: { description: 'echo' } },
              handler: ({ params, query, principal, requestId }) => ({
                status: 200,
                headers: { 'Cache-Control': 'no-store' },
                body: {
                  thingId: params.thingId,
                  depth: query.depth,
                  who: principal?.memberId ?? null,
                  requestId,
                },
              }),
            }),
            defineRoute({
              method: 'delete',
              path: '/things/:thingId',
              summary: 'answers 204',
              tags: ['test'],
              auth: 'public',
              responses: { 204: { description: 'gone' } },
              handler: () => ({ status: 204 }),
            }),
            defineRoute({
              method: 'get',
              path: '/forgetful',
              summary: 'answers nothing',
              tags: ['test'],
              auth: 'public',
              responses: {},
              handler: () => undefined,
            }),
          ],
        }),
      ],
    });
    reviewer = await gateway.createMember(['reviewer']);
  });
  after(() => gateway.stop());

  it('an upload route streams its accepted media type past the JSON limit, and refuses others with 415', async () => {
    const csv = `a,b\n${'1,2\n'.repeat(2000)}`;
    const stored = await gateway.request('POST', '/api/v1/uploads', {
      key: reviewer.key,
      rawBody: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(stored.status).to.equal(201);
    expect(stored.json).to.deep.equal({ sizeBytes: csv.length, memberId: reviewer.member.id });
    const json = await gateway.request('POST', '/api/v1/uploads', {
      key: reviewer.key,
      body: { a: 1 },
    });
    expect(json.status).to.equal(415);
    expect(json.json.details.accepted).to.deep.equal(['text/csv']);
  });

  it('authenticates before anything else: an upload without a key is 401 whatever its type', async () => {
    const reply = await gateway.request('POST', '/api/v1/uploads', {
      rawBody: 'x',
      headers: { 'content-type': 'image/png' },
    });
    expect(reply.status).to.equal(401);
  });

  it('parses params and query with their schemas (defaults, coercion) and names failing parts', async () => {
    const ok = await gateway.request('GET', '/api/v1/things/thing_7?depth=2');
    expect(ok.json).to.deep.include({ thingId: 'thing_7', depth: 2, who: null });
    expect(ok.json.requestId).to.equal(ok.headers.get('x-request-id'));
    expect(ok.headers.get('cache-control')).to.equal('no-store');
    const defaults = await gateway.request('GET', '/api/v1/things/thing_7');
    expect(defaults.json.depth).to.equal(1);
    const bad = await gateway.request('GET', '/api/v1/things/widget?depth=9');
    expect(bad.status).to.equal(400);
    expect(bad.json.errors.map((issue: { field: string }) => issue.field)).to.have.members([
      'params.thingId',
      'query.depth',
    ]);
  });

  it('optional auth: no header is anonymous, a valid key is the principal, a bad key is 401', async () => {
    const anonymous = await gateway.request('GET', '/api/v1/things/thing_1');
    expect(anonymous.json.who).to.equal(null);
    const known = await gateway.request('GET', '/api/v1/things/thing_1', { key: reviewer.key });
    expect(known.json.who).to.equal(reviewer.member.id);
    const bad = await gateway.request('GET', '/api/v1/things/thing_1', { key: 'anx_nope' });
    expect(bad.status).to.equal(401);
  });

  it('a result without a body ends the response; a handler that answers nothing is a 500', async () => {
    const gone = await gateway.request('DELETE', '/api/v1/things/thing_1');
    expect([gone.status, gone.text]).to.deep.equal([204, '']);
    const forgetful = await gateway.request('GET', '/api/v1/forgetful');
    expect(forgetful.status).to.equal(500);
    expect(forgetful.json.code).to.equal('internal_error');
  });
});
