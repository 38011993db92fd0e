/** Where a signed-out visitor was going, carried in the router state to /login. */
export interface ReturnState {
  from?: { pathname: string; search?: string; hash?: string };
}

export const DEFAULT_PATH = '/campaigns';

const AUTH_PATHS = ['/login', '/setup'];

export function returnPathFrom(state: unknown): string {
  const from = (state as ReturnState | null)?.from;
  if (!from || typeof from.pathname !== 'string' || !from.pathname.startsWith('/')) return DEFAULT_PATH;
  // "//evil.example" would be read as another origin by some routers.
  if (from.pathname.startsWith('//')) return DEFAULT_PATH;
  if (from.pathname === '/' || AUTH_PATHS.includes(from.pathname)) return DEFAULT_PATH;
  return `${from.pathname}${from.search ?? ''}${from.hash ?? ''}`;
}
