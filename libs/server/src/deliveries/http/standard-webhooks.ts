import { createHmac, randomBytes } from 'node:crypto';
import type { HeaderEntry } from './outgoing-request';

const SECRET_PREFIX = 'whsec_';

/**
 * The Standard Webhooks signing headers (https://www.standardwebhooks.com,
 * spec "Signature scheme"): `webhook-signature` is `v1,` + base64 of
 * HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${body}`, keyed with the
 * base64-decoded part of the secret after `whsec_`. The id stays the same on
 * every attempt and replay so receivers can deduplicate; the timestamp is the
 * attempt's, so receivers can refuse stale replays of a captured request.
 * Several secrets (a rotation window) give several signatures, separated by
 * spaces in the one header, as the spec allows; a receiver accepts the
 * request if any of them verifies.
 */
export function signatureHeaders(
  secret: string | readonly string[],
  webhookId: string,
  timestampSeconds: number,
  body: string,
): HeaderEntry[] {
  const timestamp = String(Math.floor(timestampSeconds));
  const secrets: readonly string[] = typeof secret === 'string' ? [secret] : secret;
  const signatures = secrets.map(
    (one) =>
      `v1,${createHmac('sha256', signingKey(one)).update(`${webhookId}.${timestamp}.${body}`, 'utf8').digest('base64')}`,
  );
  return [
    { name: 'webhook-id', value: webhookId },
    { name: 'webhook-timestamp', value: timestamp },
    { name: 'webhook-signature', value: signatures.join(' ') },
  ];
}

/** A new signing secret: `whsec_` + base64 of 32 random bytes (the spec asks for 24 to 64). */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * The key bytes. The prefix is optional, as in the spec's reference libraries,
 * so a secret pasted without it signs the same.
 */
function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0)
    throw new Error('the signing secret must be whsec_ followed by base64 key bytes');
  return key;
}
