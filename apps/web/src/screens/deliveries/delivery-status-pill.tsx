import type { DeliveryStatus } from '../../api/deliveries';
import { DELIVERY_STATUS_LABELS } from './delivery-labels';

export function DeliveryStatusPill({ status }: { status: DeliveryStatus }) {
  return (
    <span className={`status status--delivery-${status}`} data-testid="delivery-status" data-status={status}>
      {DELIVERY_STATUS_LABELS[status] ?? status}
    </span>
  );
}
