/** Name of the readable cookie the server sets next to the HttpOnly session cookie. */
export const CSRF_COOKIE = 'tideway_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(cookieHeader: string, name: string): string | null {
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

// The token also arrives in login / setup / me answers; it is kept here in case
// the cookie is not readable (e.g. a different cookie path in development).
let lastKnownToken: string | null = null;

export function rememberCsrfToken(token: string | null | undefined): void {
  lastKnownToken = token ?? null;
}

export function currentCsrfToken(): string | null {
  const fromCookie = typeof document === 'undefined' ? null : readCookie(document.cookie, CSRF_COOKIE);
  return fromCookie ?? lastKnownToken;
}

/**
 * Whether this browser may hold a session. The server sets the readable CSRF
 * cookie with the session cookie, so without it a session check can only end
 * in a 401 (which the browser would also log to the console).
 */
export function mayHaveSession(): boolean {
  return typeof document === 'undefined' || readCookie(document.cookie, CSRF_COOKIE) !== null;
}
