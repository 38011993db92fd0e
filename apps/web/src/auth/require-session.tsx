import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageError, FullPageLoading } from '../components/full-page-state';
import type { ReturnState } from './return-path';
import { useSessionContext } from './session-context';

/** Renders its routes only for a signed-in user; everyone else goes to /login and comes back after. */
export function RequireSession() {
  const { state, refresh } = useSessionContext();
  const location = useLocation();

  if (state.status === 'loading') return <FullPageLoading label="Opening Tideway…" />;
  if (state.status === 'error') return <FullPageError error={state.error} onRetry={() => void refresh()} />;
  if (state.status === 'signedOut') {
    const returnState: ReturnState = {
      from: { pathname: location.pathname, search: location.search, hash: location.hash },
    };
    return <Navigate to="/login" replace state={returnState} />;
  }
  return <Outlet />;
}
