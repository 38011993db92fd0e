const DAY_MS = 86_400_000;

/**
 * Wall-clock time in an IANA zone -> instant, with the platform's time zone
 * database (Intl), so no dependency. As RFC 5545 (3.3.5) and calendar apps
 * resolve them: a wall time that never happens (a spring-forward gap) is read
 * with the offset in force before the gap, so 02:30 becomes 03:30; one that
 * happens twice (a fall-back overlap) means the first time it happens.
 */
export function zonedTimeToInstant(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  // The offsets in force a day either side: no zone changes its offset twice in two days.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  const fitting = [wall - before, wall - after].filter(
    (instant) => offsetMs(instant, timeZone) === wall - instant,
  );
  return new Date(fitting.length > 0 ? Math.min(...fitting) : wall - before);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;

/**
 * The instant an ISO date or date-time names, or null when the text is not
 * one. A date-time without an offset is a wall-clock time in `timeZone`:
 * Date.parse would read it in the process's own zone, so two workers (or a
 * laptop and a server) would decide differently.
 */
export function parseInstant(text: string, timeZone = 'UTC'): number | null {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || Number.isNaN(Date.parse(trimmed))) return null;
  const local = LOCAL_DATE_TIME.exec(trimmed);
  if (!local) return Date.parse(trimmed);
  const [, year, month, day, hour, minute, second = '0', fraction = ''] = local;
  const wall = zonedTimeToInstant(
    { year: Number(year), month: Number(month), day: Number(day) },
    { hour: Number(hour), minute: Number(minute) },
    timeZone,
  );
  return wall.getTime() + Number(second) * 1000 + Math.floor(Number(`0${fraction}`) * 1000);
}

/** The calendar date of `instant` in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = partsOf(instant.getTime(), timeZone);
  return { year: parts.year, month: parts.month, day: parts.day };
}

function offsetMs(instant: number, timeZone: string): number {
  const p = partsOf(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return asUtc - (instant - (instant % 1000));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(instant: number, timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const values: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return values as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}
