// Optional webhooks: HMAC-SHA256 signed event payloads, retries with backoff and a delivery log.
export {
  WebhookService,
  verifyWebhookUrl,
  type WebhookView,
  type WebhookDeliveryView,
} from './webhook-service.js';
export {
  WebhookDeliverer,
  createWebhookDeliveryWorker,
  MAX_ATTEMPTS,
  RETRY_DELAYS_MS,
  type WebhookDelivererOptions,
} from './webhook-deliverer.js';
export {
  SIGNATURE_HEADER,
  signWebhookPayload,
  isValidWebhookSignature,
} from './webhook-signature.js';
