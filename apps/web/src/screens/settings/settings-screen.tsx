import { Suspense } from 'react';
import { Navigate, NavLink, Outlet } from 'react-router';
import { useSession } from '../../auth/session-context';
import { PageHeader } from '../../components/page-header';
import { LoadingState } from '../../components/request-states';
import { visibleSettingsTabs } from './settings-tabs';

export function SettingsScreen() {
  const session = useSession();
  const tabs = visibleSettingsTabs(session.scopes);
  return (
    <div className="page">
      <PageHeader title="Settings" description={`Workspace “${session.workspace.name}”`} />
      <nav className="tabs" aria-label="Settings sections">
        {tabs.map((tab) => (
          <NavLink key={tab.path} to={tab.path} className="tabs__tab">
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <div className="tabs__panel">
        <Suspense fallback={<LoadingState label="Loading…" />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}

/** `/settings` opens the first section this user may see. */
export function SettingsIndexRedirect() {
  const session = useSession();
  const [first] = visibleSettingsTabs(session.scopes);
  return <Navigate to={first ? first.path : 'account'} replace />;
}
