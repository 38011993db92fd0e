import { useSearchParams } from 'react-router';
import { listCampaigns } from '../../api/campaigns';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../api/deliveries';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState, Spinner } from '../../components/request-states';
import { formatCount } from '../../format/numbers';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
import '../../styles/deliveries.css';
import { DeliveriesFilters } from './deliveries-filters';
import { DeliveriesTable } from './deliveries-table';
import { useDeliveryLog } from './use-delivery-log';
import { useNow } from './use-now';

const FILTER_KEYS = ['status', 'campaignId', 'contactId', 'hookId'] as const;

function statusParam(value: string | null): DeliveryStatus | '' {
  return value && (DELIVERY_STATUSES as readonly string[]).includes(value) ? (value as DeliveryStatus) : '';
}

/** Every outgoing webhook of the workspace, newest first: what was sent, what came back, what is still trying. */
export function DeliveriesScreen() {
  useDocumentTitle('Deliveries');
  // The filter lives in the URL so a reload, or a link from a contact or a hook, shows the same log.
  const [params, setParams] = useSearchParams();
  const filter = {
    status: statusParam(params.get('status')),
    campaignId: params.get('campaignId') ?? '',
    contactId: params.get('contactId') ?? '',
    hookId: params.get('hookId') ?? '',
  };
  const log = useDeliveryLog(filter);
  const campaigns = useRequest((signal) => listCampaigns({}, signal), 'campaigns');
  const now = useNow(log.live);
  const filtered = FILTER_KEYS.some((key) => filter[key]);

  const changeFilter = (changes: Partial<Record<(typeof FILTER_KEYS)[number], string>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const shown = log.state.status === 'ready' ? log.state.data.deliveries : [];

  return (
    <div className="page">
      <PageHeader
        title="Deliveries"
        description="Every webhook sent by a campaign or an event hook: the request, each attempt and its answer."
        actions={
          <>
            {log.live && (
              <span className="live-indicator" role="status" data-testid="deliveries-live">
                <Spinner /> Updating while deliveries are in flight
              </span>
            )}
            <button type="button" className="button" onClick={log.reload} disabled={log.state.status === 'loading'}>
              Refresh
            </button>
          </>
        }
      />

      <DeliveriesFilters
        {...filter}
        campaigns={campaigns.state.status === 'ready' ? campaigns.state.data : null}
        onChange={changeFilter}
      />

      {log.state.status === 'loading' && <LoadingState label="Loading deliveries…" />}
      {log.state.status === 'error' && (
        <ErrorState error={log.state.error} onRetry={log.reload} title="Could not load deliveries" />
      )}
      {log.state.status === 'ready' && (
        <>
          <DeliveriesTable
            deliveries={shown}
            now={now}
            empty={
              filtered ? (
                <EmptyState
                  title="No deliveries match"
                  action={
                    <button type="button" className="button" onClick={() => changeFilter({ status: '', campaignId: '', contactId: '', hookId: '' })}>
                      Clear filters
                    </button>
                  }
                >
                  <p>Nothing was sent for this status, campaign or contact.</p>
                </EmptyState>
              ) : (
                <EmptyState title="Nothing sent yet">
                  <p>When a contact reaches a Send a Webhook element in a live campaign, or an event hook fires, the request and every attempt appear here.</p>
                </EmptyState>
              )
            }
          />
          {shown.length > 0 && (
            <div className="list-footer">
              <span className="muted">
                Showing {formatCount(shown.length)} {shown.length === 1 ? 'delivery' : 'deliveries'}
                {log.state.data.nextCursor ? ', newest first' : ''}
              </span>
              {log.state.data.nextCursor && (
                <button type="button" className="button" onClick={log.loadMore} disabled={log.loadingMore} data-testid="deliveries-load-more">
                  {log.loadingMore ? 'Loading…' : 'Load more'}
                </button>
              )}
            </div>
          )}
          {log.loadMoreError && <ErrorState error={log.loadMoreError} onRetry={log.loadMore} title="Could not load more deliveries" />}
        </>
      )}
    </div>
  );
}
