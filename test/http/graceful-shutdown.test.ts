import { expect } from 'chai';
import { defineRoute } from '../../src/http/define-route.js';
import { healthRouter } from '../../src/http/routes/health.js';
import { startTestGateway } from '../helpers/gateway.js';

describe('gateway graceful shutdown', () => {
  it('stops accepting, lets the in-flight request finish, then closes', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
    const gateway = await startTestGateway({
      routers: [
        healthRouter,
        () => ({
          routes: [
            defineRoute({
              method: 'get',
              path: '/slow',
              summary: 'waits until released',
              tags: ['test'],
              auth: 'public',
              responses: { 200: { description: 'done' } },
              handler: async () => {
                entered();
                await released;
                return { status: 200, body: { finished: true } };
              },
            }),
          ],
        }),
      ],
    });
    const inFlight = gateway.request('GET', '/api/v1/slow');
    await handlerEntered;
    const stopped = gateway.running.stop();
    // New connections are refused while the slow request is still running.
    let refused = false;
    await fetch(`${gateway.url}/healthz`).catch(() => (refused = true));
    expect(refused).to.equal(true);
    release();
    const reply = await inFlight;
    expect(reply.status).to.equal(200);
    expect(reply.json).to.deep.equal({ finished: true });
    await stopped;
    await gateway.stop();
  });
});
