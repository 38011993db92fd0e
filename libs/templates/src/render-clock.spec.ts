import { clockText } from './render-clock';

describe('clockText', () => {
  it('writes the reading as an ISO instant and its day in the time zone', () => {
    expect(clockText('2026-11-23T23:30:00Z', 'Asia/Tokyo')).toEqual({
      now: '2026-11-23T23:30:00.000Z',
      today: '2026-11-24',
    });
  });

  it('reads a reading again when the time zone changes', () => {
    const reading = Date.parse('2026-11-23T23:30:00Z');
    expect(clockText(reading, 'Asia/Tokyo').today).toBe('2026-11-24');
    expect(clockText(reading, 'UTC').today).toBe('2026-11-23');
  });

  it('reads a Date changed in place again', () => {
    const reading = new Date('2026-11-23T09:00:00Z');
    expect(clockText(reading, 'UTC').today).toBe('2026-11-23');
    reading.setUTCDate(30);
    expect(clockText(reading, 'UTC').today).toBe('2026-11-30');
  });

  it('gives empty text for a reading that is not a date', () => {
    expect(clockText('not a date', 'UTC')).toEqual({ now: '', today: '' });
  });

  it('refuses an unknown time zone every time, not only the first', () => {
    const reading = '2026-11-23T09:00:00Z';
    expect(() => clockText(reading, 'Mars/Olympus')).toThrow('Unknown time zone');
    expect(() => clockText(reading, 'Mars/Olympus')).toThrow('Unknown time zone');
  });
});
