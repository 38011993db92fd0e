import type { NodeConfig } from '@tideway/graph';
import type { EngineContact } from './contact';
import { fieldValue } from './contact';
import { parseInstant, zonedDate, zonedTimeToInstant } from './zoned-time';

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

export function delayWakeTime(config: NodeConfig<'wait.delay'>, now: Date): Date {
  return new Date(now.getTime() + config.amount * UNIT_MS[config.unit]);
}

/**
 * When a wait.until node releases a contact, or null when the contact's date
 * field is empty or not an ISO date (the contact goes on at once, and the step
 * log says why). A time of day, if given, applies to the date in the time
 * zone (UTC by default); so does a date-time without an offset.
 */
export function untilWakeTime(config: NodeConfig<'wait.until'>, contact: EngineContact): Date | null {
  const zone = config.timezone ?? 'UTC';
  const raw = config.at ?? fieldValue(contact, config.field ?? '');
  if (typeof raw !== 'string') return null;
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  const instant = dateOnly ? null : parseInstant(raw, zone);
  if (!dateOnly && instant === null) return null;
  const date = dateOnly
    ? { year: Number(dateOnly[1]), month: Number(dateOnly[2]), day: Number(dateOnly[3]) }
    : zonedDate(new Date(instant!), zone);
  if (config.time) {
    const [hour, minute] = config.time.split(':').map(Number);
    return zonedTimeToInstant(date, { hour, minute }, zone);
  }
  return dateOnly ? zonedTimeToInstant(date, { hour: 0, minute: 0 }, zone) : new Date(instant!);
}
