import type { ApiKey } from '../../api/api-keys';
import { formatDate, formatDateTime } from '../../format/dates';

export function ApiKeysTable({ keys, onRevoke }: { keys: readonly ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  return (
    <div className="card card--flush">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Scopes</th>
            <th scope="col" className="table__date">Created</th>
            <th scope="col" className="table__date">Last used</th>
            <th scope="col" className="table__actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id}>
              <td className="table__primary">{key.name}</td>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>
                <span className="chip-list">
                  {key.scopes.map((scope) => (
                    <span key={scope} className="chip chip--scope">
                      {scope}
                    </span>
                  ))}
                </span>
              </td>
              <td className="table__date">{formatDate(key.createdAt)}</td>
              <td className="table__date">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : <span className="muted">Never</span>}</td>
              <td className="table__actions">
                <button
                  type="button"
                  className="button button--small button--danger-outline"
                  onClick={() => onRevoke(key)}
                  aria-label={`Revoke API key ${key.name}`}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
