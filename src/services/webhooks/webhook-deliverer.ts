// Sends pending webhook deliveries: signed POSTs, retried with exponential backoff, every attempt logged.
import type { Logger } from 'pino';
import {
  findEvent,
  findWebhookSubscription,
  listDueWebhookDeliveries,
  recordWebhookAttempt,
  type WebhookDeliveryRecord,
} from '../../store/repositories/events.js';
import { webhookSecretBinding } from '../../store/sealed-secrets.js';
import type { BackgroundWorker } from '../background-worker.js';
import type { ServiceDeps } from '../deps.js';
import { toEventView } from '../events/index.js';
import { SIGNATURE_HEADER, signWebhookPayload } from './webhook-signature.js';
import { refusedWebhookTarget, systemLookup, type HostLookup } from './webhook-target.js';

/** Delay after the n-th failed attempt (n = 1…): 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h; then failed. */
export const RETRY_DELAYS_MS: readonly number[] = [
  30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000,
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const TIMEOUT_MS = 5_000;

export interface WebhookDelivererOptions {
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  /** Resolves a host name to its addresses; injected for tests, defaults to the system resolver. */
  readonly lookup?: HostLookup;
}

export class WebhookDeliverer {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly lookup: HostLookup;

  constructor(
    private readonly deps: ServiceDeps,
    options: WebhookDelivererOptions = {},
  ) {
    this.fetch = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
    this.lookup = options.lookup ?? systemLookup;
  }

  /** Attempts every delivery due at the clock's now; returns how many were attempted. */
  async deliverDue(batchSize = 50): Promise<number> {
    const due = await listDueWebhookDeliveries(this.deps.db, this.deps.clock.nowMs(), batchSize);
    for (const delivery of due) await this.attempt(delivery);
    return due.length;
  }

  private async attempt(delivery: WebhookDeliveryRecord): Promise<void> {
    const attempt = delivery.attempts + 1;
    const subscription = await findWebhookSubscription(this.deps.db, delivery.subscriptionId);
    const event = await findEvent(this.deps.db, delivery.eventId);
    const atMs = this.deps.clock.nowMs();
    if (!subscription || !event || subscription.state !== 'active') {
      await recordWebhookAttempt(this.deps.db, {
        deliveryId: delivery.id,
        attempt,
        statusCode: null,
        error: 'subscription disabled',
        durationMs: 0,
        atMs,
        next: { state: 'failed', nextAttemptAtMs: atMs },
      });
      return;
    }
    const body = JSON.stringify({
      ...toEventView(event),
      organizationId: event.organizationId,
      deliveryId: delivery.id,
    });
    const started = process.hrtime.bigint();
    let statusCode: number | null = null;
    let error: string | null = null;
    // A refused target fails the delivery for good: retrying would only knock on the same door.
    let refused = false;
    try {
      const refusal = await refusedWebhookTarget(
        new URL(subscription.url),
        this.deps.config.webhookAllowPrivateAddresses,
        this.lookup,
      );
      if (refusal !== undefined) {
        refused = true;
        throw new Error(`refused: ${refusal}`);
      }
      const response = await this.fetch(subscription.url, {
        method: 'POST',
        // A redirect could point the signed payload anywhere; it counts as a failure instead.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhookPayload(
            this.deps.secrets.open(
              subscription.sealedSecret,
              webhookSecretBinding(subscription.id),
            ),
            atMs,
            body,
          ),
          'Anonex-Event-Id': String(event.id),
          'Anonex-Event-Kind': event.kind,
          'Anonex-Delivery-Attempt': String(attempt),
        },
        body,
      });
      statusCode = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
    } catch (failure) {
      error =
        failure instanceof Error
          ? `${failure.name}: ${failure.message}`.slice(0, 500)
          : 'request failed';
    }
    const durationMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
    const delivered = error === null;
    const exhausted = !delivered && (refused || attempt >= MAX_ATTEMPTS);
    await recordWebhookAttempt(this.deps.db, {
      deliveryId: delivery.id,
      attempt,
      statusCode,
      error,
      durationMs,
      atMs,
      next: {
        state: delivered ? 'delivered' : exhausted ? 'failed' : 'pending',
        nextAttemptAtMs: delivered || exhausted ? atMs : atMs + RETRY_DELAYS_MS[attempt - 1],
      },
    });
    if (!delivered)
      this.deps.logger.warn(
        { deliveryId: delivery.id, attempt, statusCode },
        'webhook delivery failed',
      );
  }
}

/** Polls for due deliveries every `intervalMs` (default 1 s). */
export function createWebhookDeliveryWorker(
  deliverer: WebhookDeliverer,
  logger: Logger,
  intervalMs = 1_000,
): BackgroundWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  return {
    name: 'webhook-deliverer',
    start() {
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        running = deliverer
          .deliverDue()
          .catch((error: unknown) => logger.error({ err: error }, 'webhook delivery round failed'))
          .finally(() => {
            busy = false;
          });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
