import { parseInstant, zonedDate, zonedTimeToInstant } from './zoned-time';

/** `'2026-03-29 02:30'` -> the date and time parts zonedTimeToInstant takes. */
function wall(text: string) {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/
    .exec(text)!
    .map(Number);
  return [
    { year, month, day },
    { hour, minute },
  ] as const;
}

describe('zonedTimeToInstant: a wall-clock time in a zone is one instant', () => {
  it.each([
    ['UTC', '2026-01-15 09:00', '2026-01-15T09:00:00.000Z'],
    ['Europe/Paris', '2026-01-15 09:00', '2026-01-15T08:00:00.000Z'],
    ['Europe/Paris', '2026-07-15 09:00', '2026-07-15T07:00:00.000Z'],
    ['America/New_York', '2026-01-15 09:00', '2026-01-15T14:00:00.000Z'],
    ['America/New_York', '2026-07-15 09:00', '2026-07-15T13:00:00.000Z'],
    ['Asia/Kolkata', '2026-01-15 09:00', '2026-01-15T03:30:00.000Z'],
    ['Asia/Kathmandu', '2026-01-15 09:00', '2026-01-15T03:15:00.000Z'],
    ['Australia/Sydney', '2026-01-15 09:00', '2026-01-14T22:00:00.000Z'],
    ['Pacific/Kiritimati', '2026-01-01 00:00', '2025-12-31T10:00:00.000Z'],
    ['Pacific/Pago_Pago', '2026-12-31 23:59', '2027-01-01T10:59:00.000Z'],
    ['Europe/Paris', '2028-02-29 12:00', '2028-02-29T11:00:00.000Z'],
  ])('%s %s is %s', (zone, time, instant) => {
    expect(zonedTimeToInstant(...wall(time), zone).toISOString()).toBe(instant);
  });
});

describe('zonedTimeToInstant around daylight-saving changes', () => {
  it.each([
    [
      'Europe/Paris',
      '2026-03-29 01:59',
      '2026-03-29T00:59:00.000Z',
      'the last minute of winter time',
    ],
    [
      'Europe/Paris',
      '2026-03-29 03:00',
      '2026-03-29T01:00:00.000Z',
      'the first minute of summer time',
    ],
    [
      'America/New_York',
      '2026-03-08 01:59',
      '2026-03-08T06:59:00.000Z',
      'the last minute of standard time',
    ],
    [
      'America/New_York',
      '2026-03-08 03:00',
      '2026-03-08T07:00:00.000Z',
      'the first minute of daylight time',
    ],
  ])('%s %s is %s (%s)', (zone, time, instant) => {
    expect(zonedTimeToInstant(...wall(time), zone).toISOString()).toBe(instant);
  });

  // A time the clocks skip is read with the offset before the gap, so it
  // lands as far past the gap's start as it was meant to (RFC 5545, 3.3.5).
  it.each([
    ['Europe/Paris', '2026-03-29 02:00', '2026-03-29T01:00:00.000Z', '03:00 CEST'],
    ['Europe/Paris', '2026-03-29 02:30', '2026-03-29T01:30:00.000Z', '03:30 CEST'],
    ['America/New_York', '2026-03-08 02:30', '2026-03-08T07:30:00.000Z', '03:30 EDT'],
    ['Australia/Sydney', '2026-10-04 02:30', '2026-10-03T16:30:00.000Z', '03:30 AEDT'],
    [
      'Australia/Lord_Howe',
      '2026-10-04 02:15',
      '2026-10-03T15:45:00.000Z',
      '02:45 on a half-hour shift',
    ],
  ])('in a gap: %s %s, which never happens, is %s (%s)', (zone, time, instant) => {
    expect(zonedTimeToInstant(...wall(time), zone).toISOString()).toBe(instant);
  });

  // A time the clocks pass twice means the first time (RFC 5545, 3.3.5),
  // east and west of Greenwich alike.
  it.each([
    ['Europe/Paris', '2026-10-25 02:30', '2026-10-25T00:30:00.000Z', 'still CEST'],
    ['America/New_York', '2026-11-01 01:30', '2026-11-01T05:30:00.000Z', 'still EDT'],
    ['Australia/Sydney', '2026-04-05 02:30', '2026-04-04T15:30:00.000Z', 'still AEDT'],
  ])('in an overlap: %s %s, which happens twice, is %s (%s)', (zone, time, instant) => {
    expect(zonedTimeToInstant(...wall(time), zone).toISOString()).toBe(instant);
  });

  it.each([
    ['Europe/Paris', '2026-10-25 03:00', '2026-10-25T02:00:00.000Z'],
    ['America/New_York', '2026-11-01 02:00', '2026-11-01T07:00:00.000Z'],
  ])('after an overlap: %s %s is %s, in winter time again', (zone, time, instant) => {
    expect(zonedTimeToInstant(...wall(time), zone).toISOString()).toBe(instant);
  });
});

describe('zonedDate', () => {
  it.each([
    ['2026-03-28T23:30:00Z', 'Europe/Paris', { year: 2026, month: 3, day: 29 }],
    ['2026-03-28T23:30:00Z', 'UTC', { year: 2026, month: 3, day: 28 }],
    ['2026-01-01T03:00:00Z', 'America/New_York', { year: 2025, month: 12, day: 31 }],
  ])('%s in %s falls on %j', (instant, zone, date) => {
    expect(zonedDate(new Date(instant), zone)).toEqual(date);
  });
});

describe('parseInstant', () => {
  it.each<[string, string | undefined, string | null]>([
    ['2026-02-01', undefined, '2026-02-01T00:00:00.000Z'],
    ['2026-02-01T09:00:00Z', 'Europe/Paris', '2026-02-01T09:00:00.000Z'],
    ['2026-02-01T09:00:00+01:00', undefined, '2026-02-01T08:00:00.000Z'],
    ['2026-02-01T09:00', undefined, '2026-02-01T09:00:00.000Z'],
    ['2026-02-01T09:00', 'Europe/Paris', '2026-02-01T08:00:00.000Z'],
    ['2026-07-01 09:00:05.250', 'America/New_York', '2026-07-01T13:00:05.250Z'],
    ['  2026-02-01T09:00Z ', undefined, '2026-02-01T09:00:00.000Z'],
    ['5', undefined, null],
    ['March 7, 2026', undefined, null],
    ['2026-99-01', undefined, null],
    ['', undefined, null],
  ])('%p in %s is %s', (text, zone, instant) => {
    const parsed = parseInstant(text, zone);
    expect(parsed === null ? null : new Date(parsed).toISOString()).toBe(instant);
  });
});
