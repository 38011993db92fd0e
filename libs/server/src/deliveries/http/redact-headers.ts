import type { HeaderEntry } from './outgoing-request';

export const REDACTED = '[redacted]';

/** Headers whose whole value is a credential (or, for webhook-signature, proof of one). */
const SECRET_HEADERS = new Set(['cookie', 'set-cookie', 'x-api-key', 'webhook-signature']);
/** Credentials whose scheme word is worth keeping: "Basic [redacted]" still says how the receiver was called. */
const AUTH_HEADERS = new Set(['authorization', 'proxy-authorization']);
/** Custom headers that by their name carry a secret (X-Auth-Token, X-Webhook-Secret, X-Api_Key...). */
const SECRET_NAME = /token|secret|password|api[-_]?key/i;

/**
 * The headers as the delivery log and the API may show them: credentials are
 * replaced, everything else is kept so a failed delivery can still be read.
 */
export function redactHeaders(headers: readonly HeaderEntry[]): HeaderEntry[] {
  return headers.map(({ name, value }) => ({ name, value: redactedValue(name, value) }));
}

function redactedValue(name: string, value: string): string {
  const lower = name.trim().toLowerCase();
  if (AUTH_HEADERS.has(lower)) {
    const scheme = /^\s*([A-Za-z][\w.+-]*)\s+\S/.exec(value);
    return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
  }
  if (SECRET_HEADERS.has(lower) || SECRET_NAME.test(lower)) return REDACTED;
  return value;
}

/** The same for a response's headers (a receiver's Set-Cookie is a session of someone's). */
export function redactResponseHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, redactedValue(name, value)]));
}
