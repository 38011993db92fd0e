import type { SendResult } from './outgoing-request';

/** No delivery waits longer than a day between two attempts, however many attempts it has. */
export const MAX_RETRY_DELAY_MS = 24 * 60 * 60 * 1000;

/**
 * Delay before the attempt after `attemptJustFailed` (1-based): `baseMs * 2^(n-1)`,
 * half of it fixed and half random ("equal jitter"), so retries still grow
 * exponentially but receivers that failed together are not hit together again.
 * `random` returns [0, 1), injected so tests are exact.
 */
export function retryDelayMs(
  attemptJustFailed: number,
  baseMs: number,
  random: () => number,
): number {
  const exponent = Math.max(1, Math.floor(attemptJustFailed)) - 1;
  const exponential = Math.min(baseMs * 2 ** exponent, MAX_RETRY_DELAY_MS);
  return Math.min(Math.round(exponential / 2 + random() * (exponential / 2)), MAX_RETRY_DELAY_MS);
}

/**
 * Whether a failed attempt is worth another one. 2xx succeeded; 410 Gone is the
 * receiver saying the endpoint is gone for good (RFC 9110 section 15.5.11: the
 * condition "is likely to be permanent"); a target the SSRF policy refused stays
 * refused until someone edits the campaign or the environment. Everything else
 * (3xx, which is never followed, every other 4xx and 5xx, timeouts, connection
 * errors) may be transient.
 */
export function shouldRetry(result: SendResult): boolean {
  if (result.kind === 'error') return result.code !== 'refused';
  if (result.status >= 200 && result.status < 300) return false;
  return result.status !== 410;
}

/**
 * The delay before the next attempt: the backoff, or what a 429 / 503 asked
 * for in Retry-After when that is longer (the client caps it at one hour).
 */
export function nextAttemptDelayMs(
  result: SendResult,
  attemptJustFailed: number,
  baseMs: number,
  random: () => number,
): number {
  const backoff = retryDelayMs(attemptJustFailed, baseMs, random);
  if (
    result.kind === 'response' &&
    (result.status === 429 || result.status === 503) &&
    result.retryAfterMs !== null
  ) {
    return Math.max(backoff, result.retryAfterMs);
  }
  return backoff;
}
