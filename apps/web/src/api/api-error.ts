/** One problem with one input, as the API reports it in `details`. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** The JSON error body every API route answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetail[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly error: string;
  readonly details: ErrorDetail[];
  /** Seconds to wait before retrying, from a 429's `Retry-After`. */
  readonly retryAfterSeconds: number | null;
  /** When the answer arrived, so a Retry-After countdown starts from the right moment. */
  readonly receivedAt: number = Date.now();
  /** The whole JSON body, for routes that answer more than the common shape (409 `latestRevision`, 422 `problems`). */
  readonly body: Readonly<Record<string, unknown>>;

  constructor(init: {
    status: number;
    error: string;
    message: string;
    details?: ErrorDetail[];
    retryAfterSeconds?: number | null;
    body?: Record<string, unknown>;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.error = init.error;
    this.details = init.details ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.body = init.body ?? {};
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/** Status 0 stands for "no HTTP answer at all" (offline, DNS, server down). */
export const NETWORK_ERROR_STATUS = 0;

export function networkError(): ApiError {
  return new ApiError({
    status: NETWORK_ERROR_STATUS,
    error: 'Network Error',
    message: 'Could not reach the Tideway server. Check your connection and try again.',
  });
}

function isErrorDetail(value: unknown): value is ErrorDetail {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['path'] === 'string' && typeof candidate['message'] === 'string';
}

/**
 * Builds an ApiError from a failed response's status and body text. Bodies that
 * are not the documented JSON shape (a proxy's HTML page, an empty 502) still
 * give a readable message.
 */
export function parseErrorResponse(
  status: number,
  statusText: string,
  bodyText: string,
  retryAfterHeader: string | null = null,
  now: Date = new Date(),
): ApiError {
  let parsed: unknown = null;
  try {
    parsed = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    parsed = null;
  }
  const body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const rawMessage = body['message'];
  const message =
    typeof rawMessage === 'string' && rawMessage.trim()
      ? rawMessage
      : Array.isArray(rawMessage) && rawMessage.every((m) => typeof m === 'string') && rawMessage.length > 0
        ? rawMessage.join('. ')
        : fallbackMessage(status, statusText);
  const details = Array.isArray(body['details']) ? body['details'].filter(isErrorDetail) : [];
  const error = typeof body['error'] === 'string' ? body['error'] : statusText || `HTTP ${status}`;
  return new ApiError({
    status,
    error,
    message,
    details,
    retryAfterSeconds: parseRetryAfter(retryAfterHeader, now),
    body,
  });
}

function fallbackMessage(status: number, statusText: string): string {
  if (status >= 500) return 'The server had a problem handling this request. Try again in a moment.';
  if (status === 404) return 'Not found.';
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 401) return 'Your session has ended. Sign in again.';
  return statusText ? `${statusText} (${status})` : `Request failed (${status})`;
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** Turns any thrown value into something a screen can show. */
export function toApiError(thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  const message = thrown instanceof Error ? thrown.message : 'Something went wrong.';
  return new ApiError({ status: NETWORK_ERROR_STATUS, error: 'Error', message });
}
