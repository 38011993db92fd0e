import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type DeliveryDetail, type DeliveryStatus, fetchDelivery } from '../../api/deliveries';
import { hasScope } from '../../auth/scopes';
import { useSession } from '../../auth/session-context';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState, Spinner } from '../../components/request-states';
import { formatDateTime } from '../../format/dates';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
import '../../styles/deliveries.css';
import { DeliveryAttempts } from './delivery-attempts';
import { DELIVERY_STATUS_LABELS, isInFlight, lastAnswer, nextAttemptText, nextRefreshDelay } from './delivery-labels';
import { DeliverySource } from './delivery-source';
import { DeliveryStatusPill } from './delivery-status-pill';
import { BodyView, HeaderList, PairTable } from './http-message';
import { mediaType, queryPairs } from './readable-body';
import { ReplayDeliveryButton } from './replay-delivery-button';
import { useNow } from './use-now';

/** One delivery: the request as configured (credentials redacted), every attempt, and replay. */
export function DeliveryDetailScreen() {
  const { deliveryId = '' } = useParams();
  const session = useSession();
  const canReplay = hasScope(session.scopes, 'campaigns:write');
  const request = useRequest((signal) => fetchDelivery(deliveryId, signal), deliveryId);
  const [replayed, setReplayed] = useState<DeliveryStatus | null>(null);
  const delivery = request.state.status === 'ready' ? request.state.data : null;
  useDocumentTitle(delivery ? `Delivery ${delivery.method} ${delivery.url}` : 'Delivery');

  // While it is still being sent, load it again every few seconds so new attempts appear on their own.
  const delay = delivery ? nextRefreshDelay([delivery], Date.now()) : null;
  const { reload } = request;
  useEffect(() => {
    if (delay === null) return;
    const timer = setTimeout(() => reload({ quietly: true }), delay);
    return () => clearTimeout(timer);
  }, [delay, delivery, reload]);
  const now = useNow(delay !== null);

  const backLink = (
    <Link to="/deliveries" className="back-link">
      ← Deliveries
    </Link>
  );

  if (request.state.status === 'loading') {
    return (
      <div className="page">
        <PageHeader eyebrow={backLink} title="Delivery" />
        <LoadingState label="Loading delivery…" />
      </div>
    );
  }

  if (request.state.status === 'error') {
    const { error } = request.state;
    return (
      <div className="page">
        <PageHeader eyebrow={backLink} title="Delivery" />
        {error.isNotFound ? (
          <div className="card">
            <EmptyState title="Delivery not found">
              <p>It may belong to another workspace, or the link is wrong.</p>
            </EmptyState>
          </div>
        ) : (
          <ErrorState error={error} onRetry={() => request.reload()} title="Could not load this delivery" />
        )}
      </div>
    );
  }

  const current = request.state.data;
  const inFlight = isInFlight(current.status);

  return (
    <div className="page" data-testid="delivery-detail">
      <PageHeader
        eyebrow={backLink}
        title={
          <span className="delivery-title">
            <span className="method-badge method-badge--large">{current.method}</span>
            <span className="delivery-title__url">{current.url}</span>
          </span>
        }
        description={
          <>
            <DeliveryStatusPill status={current.status} /> <span>Created {formatDateTime(current.createdAt)}</span>
            {current.completedAt && <span> · Finished {formatDateTime(current.completedAt)}</span>}
          </>
        }
        actions={
          <ReplayDeliveryButton
            deliveryId={current.id}
            webhookId={current.webhookId}
            url={current.url}
            canReplay={canReplay}
            sending={current.status === 'pending'}
            onReplayed={(status) => {
              setReplayed(status);
              request.setData((data) => ({ ...data, status, nextAttemptAt: new Date().toISOString() }));
              request.reload({ quietly: true });
            }}
          />
        }
      />

      {replayed && (
        <div className={`notice ${inFlight ? 'notice--info' : current.status === 'succeeded' ? 'notice--success' : 'notice--warning'}`} role="status" data-testid="replay-notice">
          <span>
            {inFlight ? (
              <>
                <Spinner /> Replay queued: the delivery is {DELIVERY_STATUS_LABELS[current.status].toLowerCase()}.
              </>
            ) : (
              <>Replay finished: the delivery {current.status === 'succeeded' ? 'succeeded' : 'failed'} ({lastAnswer(current) ?? 'no answer'}).</>
            )}
          </span>
          <button type="button" className="icon-button" onClick={() => setReplayed(null)} aria-label="Dismiss">
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}

      <div className="detail-layout">
        <div className="detail-layout__main stack">
          <RequestCard delivery={current} />
          <DeliveryAttempts attempts={current.attempts} />
        </div>
        <aside className="detail-layout__side stack">
          <SummaryCard delivery={current} now={now} />
        </aside>
      </div>
    </div>
  );
}

function SummaryCard({ delivery, now }: { delivery: DeliveryDetail; now: number }) {
  const answer = lastAnswer(delivery);
  return (
    <section className="card">
      <h2 className="card__title">Summary</h2>
      <dl className="summary-list">
        <dt>Status</dt>
        <dd>
          <DeliveryStatusPill status={delivery.status} />
        </dd>
        <dt>Attempts</dt>
        <dd data-testid="delivery-attempt-count">
          {delivery.attempts.length} of {delivery.maxAttempts}
        </dd>
        <dt>Last answer</dt>
        <dd>{answer ?? <span className="muted">—</span>}</dd>
        {isInFlight(delivery.status) && (
          <>
            <dt>Next attempt</dt>
            <dd>{nextAttemptText(delivery, now, formatDateTime)}</dd>
          </>
        )}
        <dt>From</dt>
        <dd>
          <DeliverySource delivery={delivery} />
        </dd>
        <dt>Contact</dt>
        <dd>
          {delivery.contactId ? (
            <Link to={`/contacts/${encodeURIComponent(delivery.contactId)}`}>Open contact</Link>
          ) : (
            <span className="muted">—</span>
          )}
        </dd>
        <dt>Webhook ID</dt>
        <dd>
          <code className="break-anywhere" data-testid="delivery-webhook-id">
            {delivery.webhookId}
          </code>
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(delivery.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{formatDateTime(delivery.updatedAt)}</dd>
      </dl>
      {delivery.contactId && (
        <p className="summary-list__more">
          <Link to={`/deliveries?contactId=${encodeURIComponent(delivery.contactId)}`}>All deliveries for this contact</Link>
        </p>
      )}
    </section>
  );
}

function RequestCard({ delivery }: { delivery: DeliveryDetail }) {
  const { request } = delivery;
  const query = request.method === 'GET' ? queryPairs(request.url) : [];
  return (
    <section className="card stack" data-testid="delivery-request">
      <h2 className="card__title">Request</h2>
      <p className="request-line request-line--static">
        <span className="method-badge">{request.method}</span>
        <span className="request-line__url request-line__url--wrap">{request.url}</span>
      </p>
      {query.length > 0 && (
        <div className="stack stack--tight">
          <h3 className="subsection-title">Query parameters</h3>
          <PairTable pairs={query} testId="query-fields" />
        </div>
      )}
      <div className="stack stack--tight">
        <h3 className="subsection-title">Headers</h3>
        <HeaderList headers={request.headers} />
        <p className="field__hint">Credentials are shown redacted. Each attempt adds its own signature and timestamp headers.</p>
      </div>
      {(request.method !== 'GET' || request.body) && (
        <div className="stack stack--tight">
          <h3 className="subsection-title">Body</h3>
          <BodyView body={request.body} contentType={mediaType(request.headers)} testId="request-body" />
        </div>
      )}
    </section>
  );
}
