/** A receiver may ask for a pause, not for a day off: longer waits fall back to this. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * Milliseconds from `nowMs` that a Retry-After header asks to wait (RFC 9110
 * section 10.2.3: either delay-seconds or an HTTP-date), capped at one hour.
 * Null when the header is missing or unreadable; a date in the past is 0.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // Every HTTP-date form (IMF-fixdate, RFC 850, asctime) starts with the day name; checking it keeps
  // Date.parse's leniency ("-5" or "1.5" read as years) out.
  if (!/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s/i.test(text)) return null;
  // HTTP dates are GMT; asctime's form does not say so, and Date.parse would read it as local time.
  const at = Date.parse(/\b(GMT|UTC)\b/i.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - nowMs, 0), MAX_RETRY_AFTER_MS);
}
