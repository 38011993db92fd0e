import { useState } from 'react';
import { Link } from 'react-router';
import { fetchContactTimeline, type TimelineEntry, type TimelinePage } from '../../api/contact-timeline';
import { EmptyState } from '../../components/empty-state';
import { ErrorState, LoadingState } from '../../components/request-states';
import { useAction } from '../../hooks/use-action';
import { useRequest } from '../../hooks/use-request';
import { NodeIcon } from '../builder/nodes/node-icon';
import { describeTimelineEntry, formatTimelineTime } from './contact-timeline-outcome';
import { appendOlder, olderPageBefore, orderForDisplay } from './contact-timeline-pages';

export const TIMELINE_PAGE_SIZE = 50;

interface OlderPages {
  /** The first page these were loaded after; a reload discards them. */
  after: TimelinePage;
  entries: TimelineEntry[];
  nextBefore: string | null;
  /** After a page that added nothing, ask from `nextBefore` itself so "Load older" cannot loop. */
  exact: boolean;
}

/** A contact's history across campaigns, newest first: enrollments, each step, each webhook sent. */
export function ContactTimeline({ contactId }: { contactId: string }) {
  const first = useRequest((signal) => fetchContactTimeline(contactId, { limit: TIMELINE_PAGE_SIZE }, signal), `timeline:${contactId}`);
  const [older, setOlder] = useState<OlderPages | null>(null);
  const firstPage = first.state.status === 'ready' ? first.state.data : null;
  const current = older && older.after === firstPage ? older : null;
  const entries = firstPage ? (current ? current.entries : firstPage.data) : [];
  const nextBefore = current ? current.nextBefore : (firstPage?.nextBefore ?? null);

  const more = useAction(async (after: TimelinePage, shown: TimelineEntry[], before: string, exact: boolean) => {
    const page = await fetchContactTimeline(contactId, { limit: TIMELINE_PAGE_SIZE, before: exact ? before : olderPageBefore(before) });
    const merged = appendOlder(shown, page.data);
    setOlder({ after, entries: merged, nextBefore: page.nextBefore, exact: merged.length === shown.length });
  });

  return (
    <section className="card" data-testid="contact-timeline" aria-labelledby="timeline-title">
      <div className="timeline-card__header">
        <h2 className="card__title" id="timeline-title">
          Timeline
        </h2>
        <span className="chip-list">
          <button type="button" className="button button--small button--ghost" onClick={() => first.reload({ quietly: true })}>
            Refresh
          </button>
          <Link to={`/deliveries?contactId=${encodeURIComponent(contactId)}`} className="button button--small">
            Deliveries
          </Link>
        </span>
      </div>
      {first.state.status === 'loading' && <LoadingState label="Loading the timeline…" />}
      {first.state.status === 'error' && (
        <ErrorState error={first.state.error} onRetry={() => first.reload()} title="Could not load the timeline" />
      )}
      {firstPage &&
        (entries.length === 0 ? (
          <EmptyState title="No campaign activity yet">
            <p>When this contact enters a campaign, each step it takes and each webhook sent for it appear here.</p>
          </EmptyState>
        ) : (
          <>
            <ol className="timeline">
              {orderForDisplay(entries).map((entry, index) => (
                <TimelineItem key={`${entry.kind}-${entry.at}-${index}`} entry={entry} />
              ))}
            </ol>
            {more.error && <ErrorState error={more.error} title="Could not load older entries" />}
            {nextBefore && (
              <div className="timeline-footer">
                <button
                  type="button"
                  className="button"
                  disabled={more.pending}
                  onClick={() => void more.run(firstPage, entries, nextBefore, current?.exact ?? false)}
                  data-testid="timeline-load-older"
                >
                  {more.pending ? 'Loading…' : 'Load older'}
                </button>
              </div>
            )}
          </>
        ))}
    </section>
  );
}

export function TimelineItem({ entry }: { entry: TimelineEntry }) {
  const outcome = describeTimelineEntry(entry);
  const campaignPath = `/campaigns/${encodeURIComponent(entry.campaignId)}`;
  return (
    <li className={`timeline-entry timeline-entry--${outcome.tone}`} data-testid="timeline-entry" data-kind={entry.kind} data-outcome={entry.outcome}>
      <span className="timeline-entry__icon" aria-hidden="true">
        <NodeIcon name={outcome.icon} size={16} />
      </span>
      <div className="timeline-entry__body">
        <span className="timeline-entry__title">{outcome.title}</span>
        {outcome.note && (
          <span className={`timeline-entry__note${entry.kind === 'enrollment' && outcome.tone !== 'neutral' ? ` timeline-entry__note--${outcome.tone}` : ''}`}>
            {outcome.note}
          </span>
        )}
        <span className="timeline-entry__meta">
          <Link to={campaignPath}>{entry.campaignName}</Link>
          {entry.kind !== 'enrollment' && <> · element {entry.nodeId}</>}
          {entry.kind === 'delivery' && (
            <>
              {' · '}
              <Link to={`/deliveries/${encodeURIComponent(entry.detail.deliveryId)}`} data-testid="timeline-delivery-link">
                View delivery
              </Link>
            </>
          )}
        </span>
      </div>
      <time className="timeline-entry__time" dateTime={entry.at} title={new Date(entry.at).toISOString()}>
        {formatTimelineTime(entry.at)}
      </time>
    </li>
  );
}
