import type { SendResult } from './outgoing-request';
import { MAX_RETRY_DELAY_MS, nextAttemptDelayMs, retryDelayMs, shouldRetry } from './retry-policy';

const aResponse = (status: number, retryAfterMs: number | null = null): SendResult => ({
  kind: 'response',
  status,
  headers: {},
  body: '',
  bodyBytes: 0,
  truncated: false,
  durationMs: 5,
  retryAfterMs,
});
const anError = (code: Extract<SendResult, { kind: 'error' }>['code']): SendResult => ({
  kind: 'error',
  code,
  message: code,
  durationMs: 5,
});

/** Seeded stand-ins for randomness: its two ends and its middle. */
const lowest = () => 0;
const middle = () => 0.5;
const highest = () => 1 - Number.EPSILON;

describe('retryDelayMs (WEBHOOK_RETRY_BASE_MS = 5000)', () => {
  it.each([
    // attempt, fixed half .. up to the full exponential
    [1, 2_500, 5_000],
    [2, 5_000, 10_000],
    [3, 10_000, 20_000],
    [4, 20_000, 40_000],
    [10, 1_280_000, 2_560_000],
  ])('after attempt %i: between %i and %i ms', (attempt, min, max) => {
    expect(retryDelayMs(attempt, 5_000, lowest)).toBe(min);
    expect(retryDelayMs(attempt, 5_000, middle)).toBe(Math.round(min * 1.5));
    expect(retryDelayMs(attempt, 5_000, highest)).toBe(max);
  });

  it.each([20, 100, 2_000])('never waits more than a day (attempt %i)', (attempt) => {
    expect(retryDelayMs(attempt, 5_000, highest)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(attempt, 5_000, lowest)).toBe(MAX_RETRY_DELAY_MS / 2);
  });

  it('treats an attempt below 1 as the first', () => {
    expect(retryDelayMs(0, 5_000, lowest)).toBe(2_500);
  });
});

describe('shouldRetry', () => {
  it.each([
    ['200', aResponse(200), false],
    ['204', aResponse(204), false],
    ['299', aResponse(299), false],
    ['301 (never followed)', aResponse(301), true],
    ['302 (never followed)', aResponse(302), true],
    ['304', aResponse(304), true],
    ['400', aResponse(400), true],
    ['401', aResponse(401), true],
    ['404', aResponse(404), true],
    ['408', aResponse(408), true],
    ['410 Gone', aResponse(410), false],
    ['429', aResponse(429), true],
    ['500', aResponse(500), true],
    ['502', aResponse(502), true],
    ['503', aResponse(503), true],
    ['timeout', anError('timeout'), true],
    ['connect', anError('connect'), true],
    ['reset', anError('reset'), true],
    ['protocol', anError('protocol'), true],
    ['refused by the SSRF policy', anError('refused'), false],
  ])('%s -> %p', (_what, result, expected) => {
    expect(shouldRetry(result)).toBe(expected);
  });
});

describe('nextAttemptDelayMs', () => {
  it.each([
    ['429 asking for longer than the backoff waits as asked', aResponse(429, 60_000), 1, 60_000],
    ['503 asking for longer than the backoff waits as asked', aResponse(503, 60_000), 1, 60_000],
    ['429 asking for less than the backoff waits the backoff', aResponse(429, 1_000), 3, 10_000],
    ['503 without Retry-After waits the backoff', aResponse(503, null), 2, 5_000],
    ['500 waits the backoff', aResponse(500), 2, 5_000],
    ['an error waits the backoff', anError('reset'), 4, 20_000],
  ])('%s', (_what, result, attempt, expected) => {
    expect(nextAttemptDelayMs(result, attempt, 5_000, lowest)).toBe(expected);
  });
});
