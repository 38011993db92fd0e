import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's webhook-timestamp may be from now, either way (Standard Webhooks recommends 5 minutes). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

const SECRET_PREFIX = 'whsec_';

export type WebhookHeaders = {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
};

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Verifies a request signed per Standard Webhooks (https://www.standardwebhooks.com,
 * "Verifying webhooks"): `webhook-signature` holds space-separated `v1,<base64>`
 * entries, one of which must be HMAC-SHA256 of `${id}.${timestamp}.${raw body}`
 * keyed with the secret's base64 bytes; the timestamp must be within the
 * tolerance, so a captured request cannot be replayed later. The body is the
 * bytes as received, never a re-serialisation of the parsed JSON. Compares in
 * constant time.
 */
export function verifySignature(
  secret: string,
  headers: WebhookHeaders,
  rawBody: Buffer,
  now: Date,
): SignatureCheck {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) {
    return {
      ok: false,
      reason: 'The endpoint requires webhook-id, webhook-timestamp and webhook-signature headers',
    };
  }
  const expected = createHmac('sha256', keyOf(secret))
    .update(`${id}.${timestamp}.`, 'utf8')
    .update(rawBody)
    .digest();
  const matches = signature
    .split(' ')
    .map((entry) => entry.split(','))
    .some(
      ([version, value]) =>
        version === 'v1' &&
        value !== undefined &&
        sameBytes(Buffer.from(value, 'base64'), expected),
    );
  // Both are checked whatever the first says, so answers do not time which check failed.
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  const fresh = Math.abs(now.getTime() / 1000 - seconds) <= TIMESTAMP_TOLERANCE_SECONDS;
  if (!matches) return { ok: false, reason: 'The webhook-signature does not match' };
  if (!fresh)
    return { ok: false, reason: 'The webhook-timestamp is too old or too far in the future' };
  return { ok: true };
}

function keyOf(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
