import type { Scope } from '../api/api-keys';

/** `admin` grants every scope. */
export function hasScope(scopes: readonly string[], scope: Scope): boolean {
  return scopes.includes('admin') || scopes.includes(scope);
}
