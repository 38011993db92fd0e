import { createContext, useContext } from 'react';
import type { ApiError } from '../api/api-error';
import type { Session } from '../api/auth';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'error'; error: ApiError }
  | { status: 'signedIn'; session: Session };

export interface SessionContextValue {
  state: SessionState;
  /** Loads `/auth/me` again (after sign-in, setup or a workspace switch). */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext must be used inside <SessionProvider>');
  return value;
}

/** The signed-in session; only for components rendered behind <RequireSession>. */
export function useSession(): Session {
  const { state } = useSessionContext();
  if (state.status !== 'signedIn') throw new Error('useSession must be used behind <RequireSession>');
  return state.session;
}
