import { useId } from 'react';
import { useNavigate } from 'react-router';
import { switchWorkspace } from '../api/auth';
import { useSession, useSessionContext } from '../auth/session-context';
import { useAction } from '../hooks/use-action';

export function WorkspaceSwitcher() {
  const session = useSession();
  const { refresh } = useSessionContext();
  const navigate = useNavigate();
  const id = useId();
  const action = useAction(async (workspaceId: string) => {
    await switchWorkspace(workspaceId);
    await refresh();
    return true;
  });

  const onChange = async (workspaceId: string) => {
    if (workspaceId === session.workspace.id) return;
    // Ids of the old workspace mean nothing in the new one, so start from the list screens.
    if (await action.run(workspaceId)) navigate('/campaigns');
  };

  return (
    <div className="sidebar__workspace">
      <label className="sidebar__workspace-label" htmlFor={id}>
        Workspace
      </label>
      <select
        id={id}
        className="sidebar__workspace-select"
        value={session.workspace.id}
        disabled={action.pending}
        onChange={(event) => void onChange(event.target.value)}
      >
        {session.workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
      {action.error && (
        <p className="sidebar__error" role="alert">
          {action.error.message}
        </p>
      )}
    </div>
  );
}
