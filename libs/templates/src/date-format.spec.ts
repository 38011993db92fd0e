import { TemplateError, formatDate } from './index';

const instant = new Date('2026-03-08T07:04:05.678Z');

describe('formatDate', () => {
  it.each([
    ['YYYY-MM-DD', 'UTC', '2026-03-08'],
    ['DD/MM/YYYY', 'UTC', '08/03/2026'],
    ['YYYY-MM-DDTHH:mm:ss', 'UTC', '2026-03-08T07:04:05'],
    ['HH:mm', 'America/Los_Angeles', '23:04'],
    ['YYYY-MM-DD', 'America/Los_Angeles', '2026-03-07'],
    ['YYYY-MM-DD HH:mm', 'Asia/Kolkata', '2026-03-08 12:34'],
    ['ISO', 'Asia/Kolkata', '2026-03-08T07:04:05.678Z'],
  ])('formats %s in %s', (pattern, zone, expected) => {
    expect(formatDate(instant, pattern, zone)).toBe(expected);
  });

  it.each([
    ['a Date', instant, '2026-03-08'],
    ['epoch milliseconds', instant.getTime(), '2026-03-08'],
    ['an ISO string', '2026-03-08T07:04:05Z', '2026-03-08'],
    ['a date-only string', '2026-03-08', '2026-03-08'],
    ['an empty string', '', ''],
    ['null', null, ''],
    ['text that is no date', 'soon', 'soon'],
  ])('reads %s', (_name, value, expected) => {
    expect(formatDate(value)).toBe(expected);
  });

  it.each([['dddd'], ['YYYY-MMM'], ['h:mm a']])('refuses the pattern %j', (pattern) => {
    expect(() => formatDate(instant, pattern)).toThrow(TemplateError);
  });

  it('refuses an unknown time zone', () => {
    expect(() => formatDate(instant, 'HH', 'Nowhere/Land')).toThrow(/Unknown time zone/);
  });
});
