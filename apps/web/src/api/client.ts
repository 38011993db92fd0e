import { ApiError, networkError, parseErrorResponse } from './api-error';
import { CSRF_HEADER, currentCsrfToken } from './csrf-token';
import { buildQueryString, type QueryParams } from './query-string';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: QueryParams;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with `contentType` (e.g. a CSV file's text). */
  text?: string;
  /** A file sent as it is, without reading it into memory first, with `contentType`. */
  file?: Blob;
  contentType?: string;
  /** Extra request headers (e.g. `prefer: respond-async`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET']);

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever the API answers 401, so the session can end in one place. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function buildRequestInit(method: HttpMethod, options: RequestOptions): RequestInit {
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  let body: string | Blob | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text !== undefined) {
    headers['content-type'] = options.contentType ?? 'text/plain';
    body = options.text;
  } else if (options.file !== undefined) {
    headers['content-type'] =
      options.contentType ?? (options.file.type || 'application/octet-stream');
    body = options.file;
  }
  if (!SAFE_METHODS.has(method)) {
    const token = currentCsrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  return { method, headers, body, credentials: 'same-origin', signal: options.signal };
}

/**
 * Calls the Tideway API. Resolves with the parsed JSON body (undefined for 204),
 * rejects with an ApiError carrying the server's message and field details.
 */
export async function apiRequest<T>(
  method: HttpMethod,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const url = `${path}${buildQueryString(options.query)}`;
  let response: Response;
  try {
    response = await fetch(url, buildRequestInit(method, options));
  } catch (thrown) {
    if (isAbort(thrown)) throw thrown;
    throw networkError();
  }

  const bodyText = await response.text();
  if (!response.ok) {
    const error = parseErrorResponse(
      response.status,
      response.statusText,
      bodyText,
      response.headers.get('retry-after'),
    );
    if (response.status === 401) unauthorizedListeners.forEach((listener) => listener());
    throw error;
  }
  if (response.status === 204 || bodyText === '') return undefined as T;
  try {
    return JSON.parse(bodyText) as T;
  } catch {
    throw new ApiError({
      status: response.status,
      error: 'Invalid Response',
      message: 'The server sent an answer Tideway could not read.',
    });
  }
}

export function isAbort(thrown: unknown): boolean {
  return thrown instanceof DOMException
    ? thrown.name === 'AbortError'
    : thrown instanceof Error && thrown.name === 'AbortError';
}
