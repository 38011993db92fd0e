import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { DeliverySummary } from '../../api/deliveries';
import { formatDateTime } from '../../format/dates';
import { DeliverySource } from './delivery-source';
import { DeliveryStatusPill } from './delivery-status-pill';
import { formatLogTime, isInFlight, isSuccessStatus, lastAnswer, nextAttemptText, shortId } from './delivery-labels';

export const deliveryPath = (id: string) => `/deliveries/${encodeURIComponent(id)}`;

/** The table is always rendered (drivers look for it); `empty` fills it when there are no rows. */
export function DeliveriesTable({ deliveries, now, empty }: { deliveries: readonly DeliverySummary[]; now: number; empty?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <div className="card card--flush">
      <table className="table table--interactive table--compact delivery-table" data-testid="deliveries-table">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Request</th>
            <th scope="col">From</th>
            <th scope="col">Contact</th>
            <th scope="col" className="table__number">
              Attempts
            </th>
            <th scope="col">Last answer</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.length === 0 && (
            <tr className="table__empty-row">
              <td colSpan={7}>{empty}</td>
            </tr>
          )}
          {deliveries.map((delivery) => {
            const answer = lastAnswer(delivery);
            return (
              <tr
                key={delivery.id}
                data-testid="delivery-row"
                data-status={delivery.status}
                // The request link is the keyboard path; a click anywhere else on the row is a mouse shortcut to it.
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('a, button')) return;
                  navigate(deliveryPath(delivery.id));
                }}
              >
                <td>
                  <DeliveryStatusPill status={delivery.status} />
                </td>
                <td className="delivery-table__request">
                  <Link to={deliveryPath(delivery.id)} className="request-line" title={`${delivery.method} ${delivery.url}`}>
                    <span className="method-badge">{delivery.method}</span>
                    <span className="request-line__url">{delivery.url}</span>
                  </Link>
                </td>
                <td className="delivery-table__source">
                  <DeliverySource delivery={delivery} />
                </td>
                <td>
                  {delivery.contactId ? (
                    <Link to={`/contacts/${encodeURIComponent(delivery.contactId)}`} title={delivery.contactId}>
                      <code>{shortId(delivery.contactId)}</code>
                    </Link>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="table__number" data-testid="delivery-attempts">
                  {delivery.attempts}/{delivery.maxAttempts}
                </td>
                <td className="delivery-table__answer">
                  {answer ? (
                    <span className={isSuccessStatus(delivery.lastStatus) && !delivery.lastError ? 'answer answer--ok' : 'answer answer--bad'} title={answer}>
                      {answer}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="delivery-table__when">
                  <time dateTime={delivery.createdAt} title={formatDateTime(delivery.createdAt)}>
                    {formatLogTime(delivery.createdAt, now)}
                  </time>
                  {isInFlight(delivery.status) && (
                    <span className="source__detail" data-testid="delivery-next-attempt">
                      Next attempt {nextAttemptText(delivery, now, formatDateTime)}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
