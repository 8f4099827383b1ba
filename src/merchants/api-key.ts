import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'ipg_';

/** A new API key: 256 random bits, so a plain SHA-256 digest is a safe store (no slow hash needed). */
export function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function apiKeyDisplayPrefix(key: string): string {
  return key.slice(0, 12);
}
