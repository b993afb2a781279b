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
import { isPublicAddress } from '../../../src/services/webhooks/webhook-target.js';
import { BUYER_START_MS, contextOf, type BuyerFixture } from '../../helpers/buyer-workflow.js';
import { createServiceFixture } from '../../helpers/service-fixture.js';

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
    // The receiver listens on loopback, which only an operator's opt-in makes a webhook target.
    fixture = await createServiceFixture({
      startMs: BUYER_START_MS,
      tempPrefix: 'anonex-webhooks-',
      env: { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' },
    });
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

  describe('targets (server-side request forgery)', () => {
    let guarded: BuyerFixture;
    before(async () => {
      guarded = await createServiceFixture({
        startMs: BUYER_START_MS,
        tempPrefix: 'anonex-webhooks-guarded-',
      });
    });
    after(() => guarded.destroy());

    it('classifies special-purpose addresses as not public, IPv4-mapped ones included', () => {
      const notPublic = [
        '127.0.0.1',
        '::1',
        '::ffff:127.0.0.1',
        '169.254.169.254',
        '10.1.2.3',
        '172.31.0.1',
        '192.168.1.1',
        '100.64.0.1',
        '0.0.0.0',
        '::',
        'fe80::1',
        'fd12::1',
        '224.0.0.1',
        '255.255.255.255',
        '64:ff9b::7f00:1',
        'not an address',
      ];
      for (const address of notPublic) expect(isPublicAddress(address), address).to.equal(false);
      for (const address of ['8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
        expect(isPublicAddress(address), address).to.equal(true);
    });

    it('refuses loopback, link-local, private and local-name URLs at registration by default', async () => {
      const webhooks = new WebhookService(guarded.deps);
      const ctx = contextOf('mem_g', 'org_g', ['buyer']);
      for (const url of [
        'http://127.0.0.1:8080/admin',
        'http://[::1]/x',
        'http://169.254.169.254/latest/meta-data/',
        'https://10.0.0.7/hook',
        'http://[::ffff:192.168.0.1]/x',
        'http://localhost:8080/x',
        'http://api.localhost/x',
      ]) {
        try {
          await webhooks.createWebhook(ctx, { url });
          expect.fail(`expected webhook_url_refused for ${url}`);
        } catch (error) {
          expect((error as { code: string }).code, url).to.equal('webhook_url_refused');
        }
      }
      const { webhook } = await webhooks.createWebhook(ctx, { url: 'https://8.8.8.8/hook' });
      expect(webhook.url).to.equal('https://8.8.8.8/hook');
    });

    it('refuses for good a delivery whose host name resolves to a private address, sending nothing', async () => {
      const webhooks = new WebhookService(guarded.deps);
      const sent: string[] = [];
      const deliverer = new WebhookDeliverer(guarded.deps, {
        lookup: (hostname) =>
          Promise.resolve(hostname === 'hooks.example.com' ? ['93.184.216.34', '10.0.0.5'] : []),
        fetch: (input) => {
          sent.push(String(input));
          return Promise.resolve(new Response(null, { status: 204 }));
        },
      });
      const ctx = contextOf('mem_r', 'org_r', ['buyer']);
      const { webhook } = await webhooks.createWebhook(ctx, {
        url: 'https://hooks.example.com/anonex',
      });
      await guarded.deps.db.transaction((trx) =>
        publishEvent(trx, guarded.deps.clock, {
          kind: 'trade.created',
          organizationIds: ['org_r'],
          subjectId: 'trd_r',
          payload: { tradeId: 'trd_r' },
        }),
      );
      expect(await deliverer.deliverDue()).to.equal(1);
      expect(sent).to.deep.equal([]);
      const [delivery] = (await webhooks.listDeliveries(ctx.principal, webhook.id, {})).items;
      expect(delivery.state).to.equal('failed');
      expect(delivery.attemptLog).to.have.length(1);
      expect(delivery.attemptLog[0].error).to.include('resolves to 10.0.0.5');
      expect(await deliverer.deliverDue()).to.equal(0);
    });
  });
});
