import { expect } from 'chai';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

describe('http request logs', () => {
  let gateway: TestGateway;
  before(async () => {
    gateway = await startTestGateway();
  });
  after(() => gateway.stop());

  it('log a line per request with id, route, status and member, but never the key, body values or query', async () => {
    const provider = await gateway.createMember(['provider']);
    const marker = 'Zhang-San-13800138000';
    await gateway.request('GET', '/api/v1/me', {
      key: provider.key,
      headers: { 'x-request-id': 'trace-me' },
    });
    await gateway.request('GET', `/api/v1/admin/members?organizationId=${marker}`, {
      key: provider.key,
    });
    await gateway.request('POST', '/api/v1/admin/organizations', {
      key: gateway.admin.key,
      body: { name: marker, uscc: 'not-a-code', kind: 'enterprise' },
    });
    await gateway.request('GET', '/api/v1/me', { key: `anx_${'Q'.repeat(43)}` });

    const logs = gateway.logText();
    const lines = logs
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const me = lines.find((line) => line.requestId === 'trace-me');
    expect(me).to.include({
      method: 'GET',
      path: '/api/v1/me',
      route: '/api/v1/me',
      status: 200,
      memberId: provider.member.id,
    });
    expect(me?.durationMs).to.be.a('number');
    for (const secret of [
      provider.key,
      provider.key.slice(12),
      gateway.admin.key.slice(12),
      'Q'.repeat(43),
      marker,
    ]) {
      expect(logs).not.to.include(secret);
    }
    expect(logs.toLowerCase()).not.to.include('bearer');
  });

  it('the logger redacts key-shaped fields even when code passes them by mistake', () => {
    gateway.running.deps.logger.info(
      { key: 'anx_should-not-appear', request: { headers: { authorization: 'Bearer x' } } },
      'oops',
    );
    const logs = gateway.logText();
    expect(logs).not.to.include('anx_should-not-appear');
    expect(logs).not.to.include('Bearer x');
    expect(logs).to.include('[redacted]');
  });
});
