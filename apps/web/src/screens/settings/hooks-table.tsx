import type { Hook } from '../../api/hooks';
import { formatDateTime } from '../../format/dates';
import { HOOK_EVENT_LABELS, HOOK_STATUS_CLASS } from './hook-events';

export type HookAction = 'deliveries' | 'test' | 'toggle' | 'rotate' | 'delete';

const STATUS_LABEL = { active: 'Active', failing: 'Failing', disabled: 'Disabled' } as const;

export function HooksTable({
  hooks,
  canWrite,
  busyId,
  onAction,
}: {
  hooks: readonly Hook[];
  canWrite: boolean;
  busyId: string | null;
  onAction: (hook: Hook, action: HookAction) => void;
}) {
  return (
    <div className="card card--flush">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col" className="table__date">Last delivery</th>
            <th scope="col" className="table__actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {hooks.map((hook) => {
            const a = hook.attributes;
            const busy = busyId === hook.id;
            return (
              <tr key={hook.id}>
                <td className="table__primary">
                  <code>{a.target_url}</code>
                  <div className="muted">
                    {a.content_type === 'form' ? 'Form' : 'JSON'}
                    {a.previous_secret_valid_until && ` · previous secret valid until ${formatDateTime(a.previous_secret_valid_until)}`}
                  </div>
                </td>
                <td>
                  {HOOK_EVENT_LABELS[a.event].label}
                  <div className="muted">
                    <code>{a.event}</code>
                    {a.resource_id ? (
                      <>
                        {' '}
                        on <code>{a.resource_id}</code>
                      </>
                    ) : (
                      ' (all)'
                    )}
                  </div>
                </td>
                <td>
                  <span className={HOOK_STATUS_CLASS[a.status]}>{STATUS_LABEL[a.status]}</span>
                  {a.disabled_reason && (
                    <p className="field__error" role="note">
                      {a.disabled_reason}
                    </p>
                  )}
                  {a.status === 'failing' && a.failing_since && <div className="muted">Failing since {formatDateTime(a.failing_since)}</div>}
                </td>
                <td className="table__date">
                  {a.last_delivery_at ? (
                    <>
                      {formatDateTime(a.last_delivery_at)}
                      {a.last_status !== null && <div className="muted">HTTP {a.last_status}</div>}
                    </>
                  ) : (
                    <span className="muted">Never</span>
                  )}
                </td>
                <td className="table__actions">
                  <span className="chip-list">
                    <button type="button" className="button button--small" onClick={() => onAction(hook, 'deliveries')}>
                      Deliveries
                    </button>
                    {canWrite && (
                      <>
                        <button
                          type="button"
                          className="button button--small"
                          disabled={busy || !a.active}
                          title={a.active ? 'Send this event’s sample payload' : 'Enable the hook to send a test'}
                          onClick={() => onAction(hook, 'test')}
                        >
                          Send test
                        </button>
                        <button type="button" className="button button--small" disabled={busy} onClick={() => onAction(hook, 'toggle')}>
                          {a.active ? 'Disable' : 'Enable'}
                        </button>
                        <button type="button" className="button button--small" disabled={busy} onClick={() => onAction(hook, 'rotate')}>
                          Rotate secret
                        </button>
                        <button
                          type="button"
                          className="button button--small button--danger-outline"
                          disabled={busy}
                          onClick={() => onAction(hook, 'delete')}
                          aria-label={`Delete hook to ${a.target_url}`}
                        >
                          Delete
                        </button>
                      </>
                    )}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
