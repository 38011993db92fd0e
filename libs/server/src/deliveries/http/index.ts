export type { Resolve, ResolvedAddress, TargetCheck } from './check-target';
export { checkTarget, defaultResolve } from './check-target';
export type {
  HeaderEntry,
  OutgoingRequest,
  SendError,
  SendErrorCode,
  SendResponse,
  SendResult,
} from './outgoing-request';
export { REDACTED, redactHeaders, redactResponseHeaders } from './redact-headers';
export { MAX_RETRY_AFTER_MS, parseRetryAfterMs } from './retry-after';
export { MAX_RETRY_DELAY_MS, nextAttemptDelayMs, retryDelayMs, shouldRetry } from './retry-policy';
export { generateSecret, signatureHeaders } from './standard-webhooks';
export type { TargetPolicy } from './target-policy';
export { isAllowedPrivate, isPublicAddress } from './target-policy';
export type { WebhookHttpClientOptions } from './webhook-http-client';
export {
  MAX_RESPONSE_BYTES,
  MAX_TIMEOUT_MS,
  USER_AGENT,
  WebhookHttpClient,
} from './webhook-http-client';
