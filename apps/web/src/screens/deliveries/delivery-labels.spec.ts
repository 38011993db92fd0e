import { attemptProblem, httpStatusText, lastAnswer, nextAttemptText, nextRefreshDelay, REFRESH_MAX_MS, REFRESH_MIN_MS } from './delivery-labels';
import { refreshLimit } from './use-delivery-log';

const NOW = Date.parse('2025-03-01T10:00:00.000Z');
const inSeconds = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();
const aDelivery = (status: 'pending' | 'retrying' | 'succeeded' | 'failed', nextAttemptAt: string | null = null) => ({ status, nextAttemptAt });

describe('nextRefreshDelay: when the shown deliveries are loaded again', () => {
  it.each([
    ['nothing is shown', [], null],
    ['every delivery has finished', [aDelivery('succeeded'), aDelivery('failed')], null],
    ['one is pending with no due time', [aDelivery('succeeded'), aDelivery('pending')], REFRESH_MAX_MS],
    ['a retry is due in 2 s: just after it', [aDelivery('retrying', inSeconds(2))], 2_500],
    ['a retry is due in 10 min: a few seconds', [aDelivery('retrying', inSeconds(600))], REFRESH_MAX_MS],
    ['a retry was due already: soon, not in a busy loop', [aDelivery('retrying', inSeconds(-30))], REFRESH_MIN_MS],
    ['the soonest of several retries wins', [aDelivery('retrying', inSeconds(3)), aDelivery('pending', inSeconds(1.5))], 2_000],
    ['a finished delivery with a stale due time is ignored', [aDelivery('failed', inSeconds(1)), aDelivery('pending')], REFRESH_MAX_MS],
  ] as const)('%s', (_case, deliveries, expected) => {
    expect(nextRefreshDelay(deliveries, NOW)).toBe(expected);
  });
});

describe('refreshLimit', () => {
  it('reloads every shown row in one request: at least a page, at most the API maximum', () => {
    expect(refreshLimit(0)).toBe(50);
    expect(refreshLimit(120)).toBe(120);
    expect(refreshLimit(2_000)).toBe(500);
  });
});

describe('lastAnswer', () => {
  it.each([
    [{ lastStatus: 200, lastError: null }, '200 OK'],
    [{ lastStatus: 500, lastError: null }, '500 Internal Server Error'],
    [{ lastStatus: 599, lastError: null }, '599'],
    [{ lastStatus: null, lastError: 'connect ECONNREFUSED 127.0.0.1:9' }, 'connect ECONNREFUSED 127.0.0.1:9'],
    [{ lastStatus: 503, lastError: 'HTTP 503' }, '503 Service Unavailable'],
    [{ lastStatus: 302, lastError: 'Redirects are not followed' }, 'Redirects are not followed'],
    [{ lastStatus: null, lastError: null }, null],
  ])('%j reads %j', (delivery, expected) => {
    expect(lastAnswer(delivery)).toBe(expected);
  });

  it('names the status code with its reason phrase when it is a common one', () => {
    expect(httpStatusText(429)).toBe('429 Too Many Requests');
    expect(httpStatusText(418)).toBe('418');
  });
});

describe('nextAttemptText', () => {
  const format = (iso: string) => `at ${iso}`;
  it.each([
    [aDelivery('succeeded', inSeconds(5)), '—'],
    [aDelivery('pending', null), '—'],
    [aDelivery('retrying', inSeconds(-1)), 'due now'],
    [aDelivery('retrying', inSeconds(12.2)), 'in 13 s'],
    [aDelivery('retrying', inSeconds(300)), 'in 5 min'],
    [aDelivery('retrying', inSeconds(7200)), `at ${inSeconds(7200)}`],
  ])('%j reads %j', (delivery, expected) => {
    expect(nextAttemptText(delivery, NOW, format)).toBe(expected);
  });
});

describe('attemptProblem', () => {
  it('leaves out the error that only repeats the status, keeps the rest', () => {
    expect(attemptProblem({ error: 'HTTP 500', response: { status: 500 } })).toBeNull();
    expect(attemptProblem({ error: null, response: { status: 200 } })).toBeNull();
    expect(attemptProblem({ error: 'Timed out after 10000 ms', response: null })).toBe('Timed out after 10000 ms');
    expect(attemptProblem({ error: 'Redirects are not followed', response: { status: 302 } })).toBe('Redirects are not followed');
  });
});
