import type { Role, Scope } from '@tideway/server';

/**
 * Who the caller is and where they act: the answer of setup, login,
 * workspace switch and /auth/me, so the web app reads one shape.
 */
export type SessionView = {
  user: { id: string; email: string } | null;
  workspace: { id: string; name: string };
  /** null for an API key, which carries scopes instead of a role. */
  role: Role | null;
  scopes: readonly Scope[];
  workspaces: { id: string; name: string; role: Role | null }[];
  /** Echo in x-csrf-token on unsafe requests; null for an API key. */
  csrfToken: string | null;
};
