import { useState } from 'react';
import { listUsers, removeUser, type WorkspaceUser } from '../../api/users';
import { useSession } from '../../auth/session-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorState, LoadingState } from '../../components/request-states';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
import { AddUserDialog } from './add-user-dialog';
import { SectionHeader } from './section-header';
import { UserRow } from './user-row';

export function UsersSection() {
  useDocumentTitle('Users');
  const session = useSession();
  const users = useRequest(listUsers, 'users');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<WorkspaceUser | null>(null);

  const replaceUser = (updated: WorkspaceUser) =>
    users.setData((current) => current.map((user) => (user.id === updated.id ? updated : user)));

  return (
    <section className="stack">
      <SectionHeader
        title="Users"
        description="Owners and admins manage settings, editors build campaigns and edit contacts, viewers look."
        action={
          <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
            Add user
          </button>
        }
      />
      {users.state.status === 'loading' && <LoadingState label="Loading users…" />}
      {users.state.status === 'error' && (
        <ErrorState error={users.state.error} onRetry={() => users.reload()} title="Could not load users" />
      )}
      {users.state.status === 'ready' && (
        <div className="card card--flush">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col" className="table__date">Added</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.state.data.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isCurrentUser={user.id === session.user.id}
                  onChanged={replaceUser}
                  onRemove={() => setRemoving(user)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {adding && (
        <AddUserDialog
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            users.reload({ quietly: true });
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title="Remove this user?"
          confirmLabel="Remove user"
          onConfirm={() => removeUser(removing.id)}
          onDone={() => {
            const removedId = removing.id;
            setRemoving(null);
            users.setData((current) => current.filter((user) => user.id !== removedId));
          }}
          onCancel={() => setRemoving(null)}
        >
          <p>
            <strong>{removing.email}</strong> will lose access to this workspace at once.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
