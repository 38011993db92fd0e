import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { useSession } from '../auth/session-context';
import { LoadingState } from '../components/request-states';
import { Sidebar } from './sidebar';

export function AppShell() {
  const session = useSession();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar />
      {/* Keyed by workspace: switching remounts every screen so nothing of the old workspace stays on show. */}
      <main className="app-main" id="main" tabIndex={-1} key={session.workspace.id}>
        <Suspense fallback={<LoadingState label="Loading…" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
