// Webhook subscriptions of an organization and their delivery log (the deliverer sends; see webhook-deliverer.ts).
import { randomBytes } from 'node:crypto';
import {
  findWebhookSubscription,
  insertWebhookSubscription,
  listWebhookAttempts,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  setWebhookSubscriptionState,
  type WebhookAttemptRecord,
  type WebhookDeliveryRecord,
  type WebhookSubscriptionRecord,
} from '../../store/repositories/events.js';
import { webhookSecretBinding } from '../../store/sealed-secrets.js';
import { auditBy, recordAudit } from '../audit.js';
import type { ServiceDeps } from '../deps.js';
import { BuyerWorkflowError } from '../buyer-workflow-error.js';
import { invalidTransition, notFound } from '../errors.js';
import type { Principal } from '../principal.js';
import type { RequestContext } from '../request-context.js';
import { addressLiteral, isLocalName, isPublicAddress } from './webhook-target.js';

export type WebhookView = Omit<WebhookSubscriptionRecord, 'sealedSecret'>;

export interface WebhookDeliveryView extends WebhookDeliveryRecord {
  readonly attemptLog: readonly WebhookAttemptRecord[];
}

const toView = ({ sealedSecret: _secret, ...view }: WebhookSubscriptionRecord): WebhookView => view;

/**
 * An http(s) URL without credentials and, unless `allowPrivate`, not naming this host or a
 * loopback, link-local, private or reserved address literal; anything else is refused before it
 * is stored. (A host name is resolved and checked again before every delivery.)
 */
export function verifyWebhookUrl(text: string, allowPrivate = false): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BuyerWorkflowError('webhook_url_refused', 'not a URL', {
      issues: [{ field: 'url', reason: 'want an absolute http(s) URL' }],
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BuyerWorkflowError('webhook_url_refused', 'unsupported scheme', {
      issues: [{ field: 'url', reason: 'want http or https' }],
    });
  }
  if (url.username || url.password) {
    throw new BuyerWorkflowError('webhook_url_refused', 'credentials in URL', {
      issues: [{ field: 'url', reason: 'must not carry credentials' }],
    });
  }
  const literal = addressLiteral(url);
  if (
    !allowPrivate &&
    (isLocalName(url.hostname) || (literal !== undefined && !isPublicAddress(literal)))
  ) {
    throw new BuyerWorkflowError('webhook_url_refused', 'not a public address', {
      issues: [
        {
          field: 'url',
          reason:
            'want a public host: loopback, link-local, private and reserved addresses are refused (the operator may allow them with WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true)',
        },
      ],
    });
  }
  return url.toString();
}

export class WebhookService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Registers a URL for the organization's events; the signing secret is returned once, here. */
  async createWebhook(
    context: RequestContext,
    input: { url: string },
  ): Promise<{ webhook: WebhookView; secret: string }> {
    const url = verifyWebhookUrl(input.url, this.deps.config.webhookAllowPrivateAddresses);
    return this.deps.db.transaction(async (trx) => {
      const nowMs = this.deps.clock.nowMs();
      const id = this.deps.ids.newId('whk');
      const secret = randomBytes(32).toString('hex');
      const record: WebhookSubscriptionRecord = {
        id,
        organizationId: context.principal.organizationId,
        url,
        sealedSecret: this.deps.secrets.seal(secret, webhookSecretBinding(id)),
        state: 'active',
        createdBy: context.principal.memberId,
        createdAtMs: nowMs,
        updatedAtMs: nowMs,
      };
      await insertWebhookSubscription(trx, record);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'webhook.created',
        target: record.id,
        details: { host: new URL(url).host },
      });
      return { webhook: toView(record), secret };
    });
  }

  async listWebhooks(principal: Principal): Promise<WebhookView[]> {
    return (await listWebhookSubscriptions(this.deps.db, principal.organizationId)).map(toView);
  }

  async disableWebhook(context: RequestContext, id: string): Promise<WebhookView> {
    return this.deps.db.transaction(async (trx) => {
      const record = await findWebhookSubscription(trx, id);
      if (!record || record.organizationId !== context.principal.organizationId)
        throw notFound('webhook', id);
      if (record.state !== 'active') throw invalidTransition('webhook', record.state, 'disable');
      const nowMs = this.deps.clock.nowMs();
      await setWebhookSubscriptionState(trx, id, 'disabled', nowMs);
      await recordAudit(trx, {
        ...auditBy(context, this.deps.clock),
        action: 'webhook.disabled',
        target: id,
      });
      return toView({ ...record, state: 'disabled', updatedAtMs: nowMs });
    });
  }

  /** The delivery log of one subscription, newest first, each delivery with its attempts. */
  async listDeliveries(
    principal: Principal,
    id: string,
    request: { limit?: number; cursor?: string },
  ): Promise<{ items: WebhookDeliveryView[]; nextCursor: string | null }> {
    const record = await findWebhookSubscription(this.deps.db, id);
    if (!record || record.organizationId !== principal.organizationId)
      throw notFound('webhook', id);
    const limit = Math.min(Math.max(request.limit ?? 50, 1), 200);
    const beforeId = request.cursor === undefined ? undefined : Number(request.cursor);
    const rows = await listWebhookDeliveries(this.deps.db, id, {
      limit: limit + 1,
      beforeId: Number.isSafeInteger(beforeId) ? beforeId : undefined,
    });
    const deliveries = rows.slice(0, limit);
    const attempts = await listWebhookAttempts(
      this.deps.db,
      deliveries.map((delivery) => delivery.id),
    );
    return {
      items: deliveries.map((delivery) => ({
        ...delivery,
        attemptLog: attempts.filter((attempt) => attempt.deliveryId === delivery.id),
      })),
      nextCursor: rows.length > limit ? String(deliveries[deliveries.length - 1].id) : null,
    };
  }
}
