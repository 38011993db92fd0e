import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { toApiError } from '../api/api-error';
import { fetchSession, logOut } from '../api/auth';
import { onUnauthorized } from '../api/client';
import { mayHaveSession, rememberCsrfToken } from '../api/csrf-token';
import { SessionContext, type SessionContextValue, type SessionState } from './session-context';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const session = await fetchSession();
      rememberCsrfToken(session.csrfToken);
      setState({ status: 'signedIn', session });
    } catch (thrown) {
      const error = toApiError(thrown);
      setState(error.status === 401 ? { status: 'signedOut' } : { status: 'error', error });
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logOut();
    } finally {
      rememberCsrfToken(null);
      setState({ status: 'signedOut' });
    }
  }, []);

  useEffect(() => {
    if (mayHaveSession()) void refresh();
    else setState({ status: 'signedOut' });
  }, [refresh]);

  // Any 401 (an expired session, a revoked user) ends the session everywhere;
  // <RequireSession> then sends the user to /login and remembers the page.
  useEffect(
    () =>
      onUnauthorized(() => {
        rememberCsrfToken(null);
        setState((current) => (current.status === 'signedOut' ? current : { status: 'signedOut' }));
      }),
    [],
  );

  const value = useMemo<SessionContextValue>(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
