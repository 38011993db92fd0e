import { useState } from 'react';
import { getDeliveryAttempts, type Hook, listHookDeliveries, replayDelivery } from '../../api/hooks';
import { Dialog } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { ErrorState, LoadingState } from '../../components/request-states';
import { formatDateTime } from '../../format/dates';
import { useAction } from '../../hooks/use-action';
import { useRequest } from '../../hooks/use-request';

const STATUS_CLASS = { succeeded: 'status status--live', failed: 'status', retrying: 'status status--paused', pending: 'status' } as const;

/** The delivery log of one hook, newest first; a row opens its attempts. */
export function HookDeliveriesDialog({ hook, canReplay, onClose }: { hook: Hook; canReplay: boolean; onClose: () => void }) {
  const deliveries = useRequest((signal) => listHookDeliveries(hook.id, signal), `hook-deliveries:${hook.id}`);
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <Dialog
      title={`Deliveries to ${hook.attributes.target_url}`}
      onClose={onClose}
      size="large"
      footer={
        <>
          <button type="button" className="button" onClick={() => deliveries.reload({ quietly: true })}>
            Refresh
          </button>
          <button type="button" className="button button--primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {deliveries.state.status === 'loading' && <LoadingState label="Loading deliveries…" />}
      {deliveries.state.status === 'error' && (
        <ErrorState error={deliveries.state.error} onRetry={() => deliveries.reload()} title="Could not load deliveries" />
      )}
      {deliveries.state.status === 'ready' &&
        (deliveries.state.data.length === 0 ? (
          <EmptyState title="Nothing sent yet">
            <p>Events of this hook appear here as they are sent; use “Send test” to try it.</p>
          </EmptyState>
        ) : (
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col" className="table__date">Created</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.state.data.map((delivery) => (
                <DeliveryRows
                  key={delivery.id}
                  delivery={delivery}
                  open={openId === delivery.id}
                  canReplay={canReplay}
                  onToggle={() => setOpenId(openId === delivery.id ? null : delivery.id)}
                  onReplayed={() => deliveries.reload({ quietly: true })}
                />
              ))}
            </tbody>
          </table>
        ))}
    </Dialog>
  );
}

function DeliveryRows({
  delivery,
  open,
  canReplay,
  onToggle,
  onReplayed,
}: {
  delivery: Awaited<ReturnType<typeof listHookDeliveries>>[number];
  open: boolean;
  canReplay: boolean;
  onToggle: () => void;
  onReplayed: () => void;
}) {
  const replay = useAction(replayDelivery);
  return (
    <>
      <tr>
        <td className="table__date">{formatDateTime(delivery.createdAt)}</td>
        <td>
          <code>{delivery.event}</code>
        </td>
        <td>
          <span className={STATUS_CLASS[delivery.status]}>{delivery.status}</span>
        </td>
        <td className="table__number">
          {delivery.attempts} / {delivery.maxAttempts}
        </td>
        <td>{delivery.lastError ?? (delivery.lastStatus !== null ? `HTTP ${delivery.lastStatus}` : '—')}</td>
        <td className="table__actions">
          <span className="chip-list">
            <button type="button" className="button button--small" onClick={onToggle} aria-expanded={open}>
              {open ? 'Hide' : 'Attempts'}
            </button>
            {canReplay && (delivery.status === 'failed' || delivery.status === 'succeeded') && (
              <button
                type="button"
                className="button button--small"
                disabled={replay.pending}
                onClick={() => void replay.run(delivery.id).then((answer) => answer && onReplayed())}
              >
                Replay
              </button>
            )}
          </span>
        </td>
      </tr>
      {(open || replay.error) && (
        <tr>
          <td colSpan={6}>
            <FormError error={replay.error} />
            {open && <DeliveryAttempts id={delivery.id} />}
          </td>
        </tr>
      )}
    </>
  );
}

function DeliveryAttempts({ id }: { id: string }) {
  const detail = useRequest((signal) => getDeliveryAttempts(id, signal), `delivery:${id}`);
  if (detail.state.status === 'loading') return <LoadingState label="Loading attempts…" />;
  if (detail.state.status === 'error') return <ErrorState error={detail.state.error} onRetry={() => detail.reload()} title="Could not load attempts" />;
  const { attempts } = detail.state.data;
  if (attempts.length === 0) return <p className="muted">Not attempted yet.</p>;
  return (
    <ol className="stack">
      {attempts.map((attempt) => (
        <li key={attempt.attempt}>
          <strong>
            Attempt {attempt.attempt} · {formatDateTime(attempt.at)} · {Math.round(attempt.durationMs)} ms
          </strong>
          <div>{attempt.error ?? (attempt.response ? `HTTP ${attempt.response.status}` : '')}</div>
          <details>
            <summary>Request</summary>
            <pre className="input--mono">
              {attempt.request.method} {attempt.request.url}
              {'\n'}
              {attempt.request.headers.map((header) => `${header.name}: ${header.value}`).join('\n')}
              {'\n\n'}
              {attempt.request.body}
            </pre>
          </details>
          {attempt.response && (
            <details>
              <summary>Response</summary>
              <pre className="input--mono">
                {Object.entries(attempt.response.headers)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join('\n')}
                {'\n\n'}
                {attempt.response.body ?? ''}
              </pre>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
