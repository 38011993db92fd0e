import type { DeliveryStatus, DeliverySummary } from '../../api/deliveries';

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  retrying: 'Retrying',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

/** Reason phrases for the answers a receiver usually gives; anything else shows the bare code. */
const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** "200 OK", "599". */
export function httpStatusText(status: number): string {
  const reason = REASONS[status];
  return reason ? `${status} ${reason}` : String(status);
}

export function isSuccessStatus(status: number | null | undefined): boolean {
  return typeof status === 'number' && status >= 200 && status < 300;
}

/**
 * What the receiver last said: the HTTP status with its reason phrase, or the
 * error when no answer came (or when it says more than "HTTP 503"); null before any attempt.
 */
export function lastAnswer(delivery: Pick<DeliverySummary, 'lastStatus' | 'lastError'>): string | null {
  const status = delivery.lastStatus;
  const hasStatus = status !== null && status !== undefined;
  if (delivery.lastError && !(hasStatus && delivery.lastError.trim() === `HTTP ${status}`)) return delivery.lastError;
  return hasStatus ? httpStatusText(status) : null;
}

/** Still being worked on: the log may change under the reader's eyes. */
export function isInFlight(status: DeliveryStatus | string): boolean {
  return status === 'pending' || status === 'retrying';
}

export const REFRESH_MIN_MS = 1_000;
export const REFRESH_MAX_MS = 4_000;

/**
 * How long to wait before loading the shown deliveries again: never while none
 * is in flight; otherwise a few seconds, or sooner when a retry is due sooner
 * (just after it, so the answer is likely in).
 */
export function nextRefreshDelay(
  deliveries: readonly Pick<DeliverySummary, 'status' | 'nextAttemptAt'>[],
  now: number,
): number | null {
  const inFlight = deliveries.filter((delivery) => isInFlight(delivery.status));
  if (inFlight.length === 0) return null;
  let delay = REFRESH_MAX_MS;
  for (const delivery of inFlight) {
    const due = delivery.nextAttemptAt ? Date.parse(delivery.nextAttemptAt) : Number.NaN;
    if (Number.isNaN(due)) continue;
    delay = Math.min(delay, due - now + 500);
  }
  return Math.max(REFRESH_MIN_MS, Math.min(REFRESH_MAX_MS, delay));
}

/** When the next attempt is due, for a row: "due now", "in 40 s", "in 5 min", else the date; "—" when none will come. */
export function nextAttemptText(
  delivery: Pick<DeliverySummary, 'status' | 'nextAttemptAt'>,
  now: number,
  formatDateTime: (iso: string) => string,
): string {
  if (!isInFlight(delivery.status) || !delivery.nextAttemptAt) return '—';
  const due = Date.parse(delivery.nextAttemptAt);
  if (Number.isNaN(due)) return '—';
  const seconds = Math.ceil((due - now) / 1000);
  if (seconds <= 0) return 'due now';
  if (seconds < 60) return `in ${seconds} s`;
  if (seconds < 3600) return `in ${Math.round(seconds / 60)} min`;
  return formatDateTime(delivery.nextAttemptAt);
}

const sameYearFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const otherYearFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** A log row's time, short: "Mar 3, 09:13 AM" this year, "Mar 3, 2024" before. */
export function formatLogTime(iso: string, now: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return date.getFullYear() === new Date(now).getFullYear() ? sameYearFormat.format(date) : otherYearFormat.format(date);
}

/** "3f2a9c1e" for a UUID: enough to tell rows apart, short enough for a table cell. */
export function shortId(id: string): string {
  return id.split('-')[0] ?? id;
}

/**
 * What went wrong in an attempt, when the status line does not already say it:
 * the log records "HTTP 500" as the error of a 500 answer.
 */
export function attemptProblem(attempt: { error: string | null; response: { status: number } | null }): string | null {
  if (!attempt.error) return null;
  if (attempt.response && attempt.error.trim() === `HTTP ${attempt.response.status}`) return null;
  return attempt.error;
}
