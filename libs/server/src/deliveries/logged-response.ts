import type { SendResult } from './http';
import { redactResponseHeaders } from './http';

/** What the attempt log keeps of a response body, when the node asks to log it. */
export const LOGGED_BODY_BYTES = 16 * 1024;

/**
 * PostgreSQL text and jsonb cannot hold U+0000 (nor jsonb a lone surrogate,
 * which a JSON answer can spell as \ud800), and a receiver's answer may:
 * left in, the attempt could not be recorded and the delivery would be sent
 * again after every lease. Such characters are kept as U+FFFD, as invalid
 * UTF-8 already is.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what PostgreSQL refuses
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\ufffd');
}

/** A response as the attempt log keeps it: headers redacted, the body only when asked for, capped. */
export function loggedResponse(
  result: Extract<SendResult, { kind: 'response' }>,
  logBody: boolean,
) {
  const headers = redactResponseHeaders(result.headers);
  if (!logBody) return { status: result.status, headers, durationMs: result.durationMs };
  const body = storableText(
    Buffer.from(result.body).subarray(0, LOGGED_BODY_BYTES).toString('utf8'),
  );
  return {
    status: result.status,
    headers,
    body,
    bodyTruncated: result.truncated || Buffer.byteLength(result.body) > LOGGED_BODY_BYTES,
    durationMs: result.durationMs,
  };
}
