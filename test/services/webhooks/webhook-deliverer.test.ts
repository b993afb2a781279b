// Webhooks: signed deliveries to a local receiver, retries with backoff on an injected clock, the delivery log.
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { publishEvent } from '../../../src/services/events/index.js';
import {
  MAX_ATTEMPTS,
  RETRY_DELAYS_MS,
  SIGNATURE_HEADER,
  WebhookDeliverer,
  WebhookService,
  isValidWebhookSignature,
} from '../../../src/services/webhooks/index.js';
import { contextOf, createBuyerFixture, type BuyerFixture } from '../../helpers/buyer-workflow.js';

interface Received {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

describe('services/webhooks', () => {
  let fixture: BuyerFixture;
  let server: Server;
  let baseUrl: string;
  const received: Received[] = [];
  /** Status codes the receiver answers with, in order; the last repeats. */
  let script: number[] = [200];

  before(async () => {
    fixture = await createBuyerFixture();
    server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (chunk: Buffer) => parts.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(parts).toString('utf8') });
        res.statusCode = script.length > 1 ? (script.shift() as number) : script[0];
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await fixture.destroy();
  });
  beforeEach(() => {
    received.length = 0;
  });

  const emit = (organizationId: string, subjectId: string) =>
    fixture.deps.db.transaction((trx) =>
      publishEvent(trx, fixture.deps.clock, {
        kind: 'trade.created',
        organizationIds: [organizationId],
        subjectId,
        payload: { tradeId: subjectId },
      }),
    );

  it('refuses URLs that are not plain http(s)', async () => {
    const webhooks = new WebhookService(fixture.deps);
    const ctx = contextOf('mem_x', 'org_x', ['buyer']);
    for (const url of ['ftp://127.0.0.1/x', 'not a url', 'http://user:pw@127.0.0.1/']) {
      try {
        await webhooks.createWebhook(ctx, { url });
        expect.fail('expected webhook_url_refused');
      } catch (error) {
        expect((error as { code: string }).code).to.equal('webhook_url_refused');
      }
    }
  });

  it('signs each delivery, retries a failure after the backoff delay, and logs every attempt', async () => {
    const webhooks = new WebhookService(fixture.deps);
    const deliverer = new WebhookDeliverer(fixture.deps);
    const ctx = contextOf('mem_hook', 'org_hook', ['buyer']);
    const { webhook, secret } = await webhooks.createWebhook(ctx, {
      url: `${baseUrl}/hooks/anonex`,
    });
    expect(webhook).to.not.have.property('secret');
    script = [500, 200];
    await emit('org_hook', 'trd_1');
    await emit('org_other', 'trd_2');
    expect(await deliverer.deliverDue()).to.equal(1);
    expect(received).to.have.length(1);
    expect(await deliverer.deliverDue()).to.equal(0);
    fixture.clock.advance(RETRY_DELAYS_MS[0] - 1);
    expect(await deliverer.deliverDue()).to.equal(0);
    fixture.clock.advance(1);
    expect(await deliverer.deliverDue()).to.equal(1);
    expect(received).to.have.length(2);
    const last = received[1];
    const signature = last.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(isValidWebhookSignature(secret, signature, last.body, fixture.clock.nowMs())).to.equal(
      true,
    );
    expect(
      isValidWebhookSignature(
        secret,
        signature,
        last.body.replace('trd_1', 'trd_9'),
        fixture.clock.nowMs(),
      ),
    ).to.equal(false);
    expect(
      isValidWebhookSignature('0'.repeat(64), signature, last.body, fixture.clock.nowMs()),
    ).to.equal(false);
    expect(JSON.parse(last.body)).to.include({
      kind: 'trade.created',
      subjectId: 'trd_1',
      organizationId: 'org_hook',
    });
    const log = await webhooks.listDeliveries(ctx.principal, webhook.id, {});
    expect(log.items).to.have.length(1);
    expect(log.items[0]).to.include({ state: 'delivered', attempts: 2, lastStatusCode: 200 });
    expect(log.items[0].attemptLog.map((attempt) => attempt.statusCode)).to.deep.equal([500, 200]);
  });

  it('gives up after the last retry and marks the delivery failed', async () => {
    const webhooks = new WebhookService(fixture.deps);
    const deliverer = new WebhookDeliverer(fixture.deps);
    const ctx = contextOf('mem_fail', 'org_fail', ['provider']);
    const { webhook } = await webhooks.createWebhook(ctx, { url: `${baseUrl}/down` });
    script = [503];
    await emit('org_fail', 'trd_3');
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliverer.deliverDue()).to.equal(1);
      if (attempt < MAX_ATTEMPTS) fixture.clock.advance(RETRY_DELAYS_MS[attempt - 1]);
    }
    fixture.clock.advance(86_400_000);
    expect(await deliverer.deliverDue()).to.equal(0);
    const log = await webhooks.listDeliveries(ctx.principal, webhook.id, {});
    expect(log.items[0]).to.include({
      state: 'failed',
      attempts: MAX_ATTEMPTS,
      lastStatusCode: 503,
    });
    expect(received).to.have.length(MAX_ATTEMPTS);
  });

  it('stops delivering to a disabled webhook and hides webhooks of other organizations', async () => {
    const webhooks = new WebhookService(fixture.deps);
    const deliverer = new WebhookDeliverer(fixture.deps);
    const ctx = contextOf('mem_off', 'org_off', ['buyer']);
    const { webhook } = await webhooks.createWebhook(ctx, { url: `${baseUrl}/off` });
    await emit('org_off', 'trd_4');
    await webhooks.disableWebhook(ctx, webhook.id);
    await deliverer.deliverDue();
    expect(received).to.have.length(0);
    const outsider = contextOf('mem_out', 'org_out', ['buyer']);
    try {
      await webhooks.listDeliveries(outsider.principal, webhook.id, {});
      expect.fail('expected not_found');
    } catch (error) {
      expect((error as { code: string }).code).to.equal('not_found');
    }
    expect(await webhooks.listWebhooks(outsider.principal)).to.deep.equal([]);
  });
});
