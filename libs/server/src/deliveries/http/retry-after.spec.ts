import { parseRetryAfterMs } from './retry-after';

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-11-20T12:00:00Z');

  it.each([
    ['2', 2_000],
    [' 120 ', 120_000],
    ['0', 0],
    ['3600', 3_600_000],
    ['3601', 3_600_000],
    ['99999999999', 3_600_000],
    ['Thu, 20 Nov 2025 12:00:30 GMT', 30_000],
    ['Thursday, 20-Nov-25 12:01:00 GMT', 60_000],
    ['Thu Nov 20 12:00:05 2025', 5_000],
    ['Thu, 20 Nov 2025 11:59:00 GMT', 0],
    ['Fri, 21 Nov 2025 12:00:00 GMT', 3_600_000],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['2025-11-20T12:00:30Z', null],
    ['', null],
    [undefined, null],
  ])('%p -> %p', (header, expected) => {
    expect(parseRetryAfterMs(header, now)).toBe(expected);
  });
});
