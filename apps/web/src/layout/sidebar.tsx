import { NavLink } from 'react-router';
import { useSession } from '../auth/session-context';
import { CampaignsIcon, ContactsIcon, DeliveriesIcon, SettingsIcon, TidewayMark } from './nav-icons';
import { SignedInUser } from './signed-in-user';
import { WorkspaceSwitcher } from './workspace-switcher';

const NAV_ITEMS = [
  { to: '/campaigns', label: 'Campaigns', testId: 'nav-campaigns', Icon: CampaignsIcon },
  { to: '/contacts', label: 'Contacts', testId: 'nav-contacts', Icon: ContactsIcon },
  { to: '/deliveries', label: 'Deliveries', testId: 'nav-deliveries', Icon: DeliveriesIcon },
  { to: '/settings', label: 'Settings', testId: 'nav-settings', Icon: SettingsIcon },
] as const;

export function Sidebar() {
  const session = useSession();
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <TidewayMark />
        <span className="sidebar__name">Tideway</span>
      </div>

      {session.workspaces.length > 1 ? (
        <WorkspaceSwitcher />
      ) : (
        <div className="sidebar__workspace" title="Workspace">
          <span className="sidebar__workspace-label">Workspace</span>
          <span className="sidebar__workspace-name">{session.workspace.name}</span>
        </div>
      )}

      <nav className="sidebar__nav" aria-label="Main">
        <ul>
          {NAV_ITEMS.map(({ to, label, testId, Icon }) => (
            <li key={to}>
              <NavLink to={to} className="nav-link" data-testid={testId}>
                <Icon />
                <span>{label}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>

      <SignedInUser />
    </aside>
  );
}
