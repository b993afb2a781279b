// CSRF defences of console forms: the session's synchronizer token in every POST, and an
// Origin (or Referer) that names this gateway, so a foreign page can neither post nor sign in.
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

export function isSameOrigin(req: Request): boolean {
  const host = req.get('host');
  const origin = req.get('origin') ?? req.get('referer');
  if (!host || !origin) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function isCsrfTokenValid(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
