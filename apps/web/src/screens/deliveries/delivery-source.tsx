import { Link } from 'react-router';
import type { DeliverySummary } from '../../api/deliveries';

/** What sent the delivery: a campaign's Send a Webhook element (linked to the builder) or an event hook. */
export function DeliverySource({ delivery }: { delivery: Pick<DeliverySummary, 'campaignId' | 'campaignName' | 'nodeId' | 'hookId' | 'event'> }) {
  if (delivery.campaignId) {
    return (
      <span className="source">
        <Link to={`/campaigns/${encodeURIComponent(delivery.campaignId)}`}>{delivery.campaignName ?? 'Campaign'}</Link>
        {delivery.nodeId && <span className="source__detail">element {delivery.nodeId}</span>}
      </span>
    );
  }
  if (delivery.hookId || delivery.event) {
    return (
      <span className="source">
        <Link to="/settings/hooks">Event hook</Link>
        {delivery.event && (
          <span className="source__detail">
            <code>{delivery.event}</code>
          </span>
        )}
      </span>
    );
  }
  return <span className="muted">—</span>;
}
