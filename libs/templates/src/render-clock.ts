import { formatDate } from './date-format';

/** `now` and `today` as a render root holds them. */
export interface ClockText {
  now: string;
  today: string;
}

/**
 * The text of a render's clock reading. Formatting a date in a time zone
 * costs more than rendering a typical template, and a batch of steps renders
 * many contacts at one reading, so the last reading's text is kept and reused
 * while the reading and the time zone stay the same.
 */
let last: (ClockText & { reading: string | number; timezone: string }) | undefined;

export function clockText(nowValue: Date | string | number, timezone: string): ClockText {
  // A Date can be changed in place, so it is compared by its instant.
  const reading = nowValue instanceof Date ? nowValue.getTime() : nowValue;
  if (last && last.reading === reading && last.timezone === timezone) return last;
  const now = new Date(reading);
  const valid = !Number.isNaN(now.getTime());
  const text = {
    now: valid ? now.toISOString() : '',
    today: valid ? formatDate(now, 'YYYY-MM-DD', timezone) : '',
  };
  last = { ...text, reading, timezone };
  return text;
}
