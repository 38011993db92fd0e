import type { Role, Scope } from '../tenancy/roles';

/** Who is calling, in which workspace, allowed to do what. Set by AuthGuard on every request. */
export type Principal = Readonly<{
  workspaceId: string;
  /** The person behind the call: the session's user, or the user who created the API key. */
  userId: string | null;
  /** The person's role in the workspace; null for API keys, which carry scopes instead. */
  role: Role | null;
  scopes: readonly Scope[];
  via: 'session' | 'apiKey';
  sessionId: string | null;
  apiKeyId: string | null;
}>;

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.includes(scope);
}
