import { useId } from 'react';
import type { Role } from '../../api/auth';
import { changeUserRole, type WorkspaceUser } from '../../api/users';
import { formatDate } from '../../format/dates';
import { useAction } from '../../hooks/use-action';
import { ROLE_OPTIONS } from './role-labels';

export function UserRow({
  user,
  isCurrentUser,
  onChanged,
  onRemove,
}: {
  user: WorkspaceUser;
  isCurrentUser: boolean;
  onChanged: (user: WorkspaceUser) => void;
  onRemove: () => void;
}) {
  const selectId = useId();
  const change = useAction(async (role: Role) => {
    const updated: WorkspaceUser | undefined = await changeUserRole(user.id, role);
    return updated ?? { ...user, role };
  });

  const onRoleChange = async (role: Role) => {
    const updated = await change.run(role);
    if (updated) onChanged(updated);
  };

  return (
    <tr>
      <td className="table__primary">
        {user.email}
        {isCurrentUser && <span className="badge">You</span>}
      </td>
      <td>
        <label htmlFor={selectId} className="visually-hidden">
          Role of {user.email}
        </label>
        <select
          id={selectId}
          className="input select input--inline"
          value={user.role}
          disabled={isCurrentUser || change.pending}
          title={isCurrentUser ? 'You cannot change your own role' : undefined}
          onChange={(event) => void onRoleChange(event.target.value as Role)}
        >
          {ROLE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {change.error && (
          <p className="field__error" role="alert">
            {change.error.message}
          </p>
        )}
      </td>
      <td className="table__date">{formatDate(user.createdAt)}</td>
      <td className="table__actions">
        {!isCurrentUser && (
          <button
            type="button"
            className="button button--small button--danger-outline"
            onClick={onRemove}
            aria-label={`Remove user ${user.email}`}
          >
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}
