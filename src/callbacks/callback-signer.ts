import { createHmac, randomBytes } from 'node:crypto';

import { AppError, ErrorCode } from 'src/common/app-error';

/** Prefix of a merchant's callbackSecret (Standard Webhooks form `whsec_<base64>`). */
export const CALLBACK_SECRET_PREFIX = 'whsec_';

/**
 * Query parameters that carry signatures and are therefore not part of the signed string.
 * `signature` is signed with the current secret; `signature2` (only sent while a secret rotation is
 * in progress) with the previous one. Both are computed over the same canonical string.
 */
export const SIGNATURE_PARAMS: readonly string[] = ['signature', 'signature2'];

/** A new merchant callbackSecret: `whsec_` + base64 of 32 random bytes. */
export function generateCallbackSecret(): string {
  return CALLBACK_SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * The string the `query` format signs: every parameter except the signature ones, sorted by name
 * (byte order, which is what PHP's `ksort` gives for these ASCII names), as `k=v` joined by `&`.
 * Values are the text itself (hashed as UTF-8), never percent-encoded.
 */
export function canonicalQueryString(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => !SIGNATURE_PARAMS.includes(name))
    .sort(compareBytes)
    .map((name) => `${name}=${params[name]}`)
    .join('&');
}

/**
 * Hex HMAC-SHA256 of the canonical string. The key is the whole secret string (`whsec_…`) as
 * UTF-8, exactly what PHP's `hash_hmac('sha256', $canonical, $secret)` uses.
 */
export function signQueryParams(params: Record<string, string>, secret: string): string {
  assertSecret(secret);
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(canonicalQueryString(params), 'utf8')
    .digest('hex');
}

/**
 * Standard Webhooks signature `v1,<base64>`: HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed
 * with the base64-decoded part of the secret after `whsec_`.
 */
export function signStandardWebhook(id: string, timestampSec: number, body: string, secret: string): string {
  const key = standardWebhookKey(secret);
  const mac = createHmac('sha256', key).update(`${id}.${timestampSec}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

function standardWebhookKey(secret: string): Buffer {
  assertSecret(secret);
  const encoded = secret.startsWith(CALLBACK_SECRET_PREFIX)
    ? secret.slice(CALLBACK_SECRET_PREFIX.length)
    : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) {
    throw new AppError(ErrorCode.CallbackFailed, 'callback secret has no key material');
  }
  return key;
}

function assertSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new AppError(ErrorCode.CallbackFailed, 'callback secret is empty');
  }
}

/** Compare as UTF-8 bytes (code-point order), independent of locale. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
