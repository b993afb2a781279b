// HMAC-SHA256 signatures of webhook payloads: what the deliverer sends and what a receiver checks.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Anonex-Signature';

/**
 * `t=<unix ms>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the timestamp is signed with the
 * body so a captured delivery cannot be replayed later with a fresh timestamp.
 */
export function signWebhookPayload(secret: string, timestampMs: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('hex');
  return `t=${timestampMs},v1=${mac}`;
}

/** True when `header` signs `body` under `secret` and its timestamp is within `toleranceMs` of `nowMs`. */
export function isValidWebhookSignature(
  secret: string,
  header: string,
  body: string,
  nowMs: number,
  toleranceMs = 5 * 60_000,
): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const timestampMs = Number(match[1]);
  if (Math.abs(nowMs - timestampMs) > toleranceMs) return false;
  const want = Buffer.from(signWebhookPayload(secret, timestampMs, body).slice(-64), 'hex');
  return timingSafeEqual(want, Buffer.from(match[2], 'hex'));
}
