import type { CookieOptions, Request, Response } from 'express';
import type { OpenedSession} from '@tideway/server';
import { CSRF_COOKIE, SESSION_COOKIE } from '@tideway/server';

/**
 * The session token is HttpOnly so scripts cannot steal it; the CSRF token
 * is readable so the web app can echo it in x-csrf-token. SameSite=Lax keeps
 * both off cross-site subrequests; Secure follows the request (behind a TLS
 * proxy, set TRUST_PROXY so req.secure is true).
 */
function cookieOptions(req: Request, httpOnly: boolean): CookieOptions {
  return { httpOnly, sameSite: 'lax', path: '/', secure: req.secure };
}

export function setSessionCookies(req: Request, res: Response, session: OpenedSession): void {
  res.cookie(SESSION_COOKIE, session.token, {
    ...cookieOptions(req, true),
    expires: session.expiresAt,
  });
  res.cookie(CSRF_COOKIE, session.csrfToken, {
    ...cookieOptions(req, false),
    expires: session.expiresAt,
  });
}

export function clearSessionCookies(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req, true));
  res.clearCookie(CSRF_COOKIE, cookieOptions(req, false));
}

export function sessionTokenOf(req: Request): string | undefined {
  const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return typeof token === 'string' && token ? token : undefined;
}
