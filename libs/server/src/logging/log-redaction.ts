import { REDACTED } from '../deliveries/http/redact-headers';

/**
 * Names of fields that hold a credential wherever they appear in a logged
 * object: passwords (login, setup, a webhook's Basic auth), secrets (a
 * `whsec_` signing secret, an event hook's current and previous ones), tokens
 * (a webhook's Bearer token, CSRF tokens, inbound URL tokens), API keys and
 * the credential headers. Broad on purpose: `key` also hides a custom
 * field's key, a small loss next to an API key in a log.
 */
const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'secret',
  'signingSecret',
  'previousSecret',
  'previous_secret',
  'token',
  'csrfToken',
  'csrf_token',
  'key',
  'apiKey',
  'api_key',
  'authorization',
  'cookie',
];

/**
 * How deep below the top of a log line a secret field is found: `password`,
 * `body.password`, `config.auth.password`. Wildcard paths are what redaction
 * costs: with these, a line at an enabled level takes about 25-35 µs to
 * write instead of 1-2 µs (measured here), which is why they stop at this
 * depth. A line below the level costs nothing either way.
 */
const DEPTH = 2;

/** Headers that carry a credential (or, for webhook-signature, proof of one). */
const SECRET_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-csrf-token',
  'x-api-key',
  'webhook-signature',
];
/**
 * Where a header object appears in a line: pino-http's req and res, a webhook
 * response's headers. An outgoing webhook request's headers are a list of
 * {name, value}, which paths cannot see: redactHeaders() is for those.
 */
const HEADER_HOLDERS = ['req', 'res', 'request', 'response'];

/** What a redacted value reads as, in logs as in the delivery log. */
export const LOG_CENSOR = REDACTED;

/**
 * pino's `redact.paths` (https://getpino.io/#/docs/redaction): every line of
 * every process goes through them, so no call site has to remember to hide
 * anything. A wildcard matches one level, hence one path per depth.
 */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELDS.flatMap((field) =>
    Array.from({ length: DEPTH + 1 }, (_, depth) => [...Array(depth).fill('*'), field].join('.')),
  ),
  ...HEADER_HOLDERS.flatMap((holder) =>
    SECRET_HEADERS.map((header) => `${holder}.headers[${JSON.stringify(header)}]`),
  ),
  ...SECRET_HEADERS.map((header) => `headers[${JSON.stringify(header)}]`),
  // TypeORM's QueryFailedError carries the statement's parameters: tokens, hashes, contact data.
  'err.parameters',
  'err.cause.parameters',
];
