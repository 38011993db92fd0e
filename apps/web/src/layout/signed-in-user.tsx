import { useNavigate } from 'react-router';
import { useSession, useSessionContext } from '../auth/session-context';
import { useAction } from '../hooks/use-action';

export function SignedInUser() {
  const session = useSession();
  const { signOut } = useSessionContext();
  const navigate = useNavigate();
  const logout = useAction(signOut);

  const onLogout = async () => {
    await logout.run();
    navigate('/login', { replace: true });
  };

  return (
    <div className="sidebar__user">
      <div className="sidebar__user-text">
        <span className="sidebar__user-email" title={session.user.email}>
          {session.user.email}
        </span>
        <span className="sidebar__user-role">{session.role}</span>
      </div>
      <button
        type="button"
        className="button button--ghost button--small sidebar__logout"
        onClick={() => void onLogout()}
        disabled={logout.pending}
        data-testid="logout"
      >
        {logout.pending ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}
