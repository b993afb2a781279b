// API key material: 256 random bits from node:crypto, shown once; only its SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so leaked keys are easy to spot in logs and scanners. */
export const API_KEY_SCHEME = 'anx_';
/** `anx_` plus 8 characters: stored and shown so people can tell keys apart. */
export const API_KEY_PREFIX_LENGTH = API_KEY_SCHEME.length + 8;
/** 32 random bytes in base64url: 43 characters. */
const API_KEY_LENGTH = API_KEY_SCHEME.length + 43;
const API_KEY_SHAPE = /^anx_[A-Za-z0-9_-]{43}$/;

export interface ApiKeySecret {
  readonly key: string;
  readonly prefix: string;
  readonly keyHash: string;
}

export function generateApiKeySecret(): ApiKeySecret {
  const key = `${API_KEY_SCHEME}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX_LENGTH), keyHash: hashApiKey(key) };
}

/** Hex SHA-256 of the key: a 256-bit random secret needs no slow hash or salt. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Cheap shape check before any database lookup. */
export function looksLikeApiKey(token: string): boolean {
  return token.length === API_KEY_LENGTH && API_KEY_SHAPE.test(token);
}
