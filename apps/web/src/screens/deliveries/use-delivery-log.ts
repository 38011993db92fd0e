import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../api/api-error';
import { isAbort } from '../../api/client';
import { type DeliveryQuery, type DeliverySummary, listDeliveries } from '../../api/deliveries';
import { nextRefreshDelay } from './delivery-labels';

export const DELIVERIES_PAGE_SIZE = 50;
/** The API's largest page: a refresh reloads every shown row in one request, up to this many. */
const MAX_PAGE = 500;

export type DeliveryFilter = Pick<DeliveryQuery, 'status' | 'campaignId' | 'contactId' | 'hookId'>;

type Loaded = { deliveries: DeliverySummary[]; nextCursor: string | null };

export type DeliveryLogState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: Loaded };

export interface DeliveryLog {
  state: DeliveryLogState;
  reload: () => void;
  loadMore: () => void;
  loadingMore: boolean;
  loadMoreError: ApiError | null;
  /** True while the shown rows are refreshed on their own because some are still in flight. */
  live: boolean;
}

/** How many rows a refresh asks for, so the rows already shown (first page and "Load more" pages) stay. */
export function refreshLimit(shown: number): number {
  return Math.min(MAX_PAGE, Math.max(DELIVERIES_PAGE_SIZE, shown));
}

/**
 * The delivery log for a filter: the first page on load, further pages on
 * "Load more", and a quiet reload of everything shown every few seconds while
 * any shown delivery is pending or retrying.
 */
export function useDeliveryLog(filter: DeliveryFilter): DeliveryLog {
  const key = JSON.stringify([filter.status ?? '', filter.campaignId ?? '', filter.contactId ?? '', filter.hookId ?? '']);
  const [state, setState] = useState<DeliveryLogState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<ApiError | null>(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const shownRef = useRef(0);
  // Each load gets a number; an answer for an older number (another filter, a newer refresh) is dropped.
  const loadRef = useRef(0);

  const load = useCallback((quietly: boolean) => {
    const id = ++loadRef.current;
    const controller = new AbortController();
    if (!quietly) setState({ status: 'loading' });
    setLoadMoreError(null);
    listDeliveries({ ...filterRef.current, limit: quietly ? refreshLimit(shownRef.current) : DELIVERIES_PAGE_SIZE }, controller.signal).then(
      (page) => {
        if (id !== loadRef.current) return;
        shownRef.current = page.data.length;
        setState({ status: 'ready', data: { deliveries: page.data, nextCursor: page.nextCursor } });
      },
      (thrown: unknown) => {
        if (id !== loadRef.current || isAbort(thrown)) return;
        // A failed background refresh keeps the rows on screen; the next tick tries again.
        if (!quietly) setState({ status: 'error', error: toApiError(thrown) });
      },
    );
    return controller;
  }, []);

  useEffect(() => {
    shownRef.current = 0;
    const controller = load(false);
    return () => controller.abort();
  }, [key, generation, load]);

  const shown = state.status === 'ready' ? state.data.deliveries : null;
  const delay = shown && !loadingMore ? nextRefreshDelay(shown, Date.now()) : null;
  useEffect(() => {
    if (delay === null) return;
    let controller: AbortController | null = null;
    const timer = setTimeout(() => {
      // A hidden tab waits for the next change of rows instead of polling.
      if (typeof document !== 'undefined' && document.hidden) {
        setState((current) => (current.status === 'ready' ? { ...current, data: { ...current.data } } : current));
        return;
      }
      controller = load(true);
    }, delay);
    return () => {
      clearTimeout(timer);
      controller?.abort();
    };
  }, [delay, shown, load]);

  const loadMore = () => {
    if (state.status !== 'ready' || !state.data.nextCursor || loadingMore) return;
    const id = loadRef.current;
    const cursor = state.data.nextCursor;
    setLoadingMore(true);
    setLoadMoreError(null);
    listDeliveries({ ...filterRef.current, limit: DELIVERIES_PAGE_SIZE, cursor }).then(
      (page) => {
        setLoadingMore(false);
        if (id !== loadRef.current) return;
        setState((current) => {
          if (current.status !== 'ready' || current.data.nextCursor !== cursor) return current;
          const deliveries = [...current.data.deliveries, ...page.data];
          shownRef.current = deliveries.length;
          return { status: 'ready', data: { deliveries, nextCursor: page.nextCursor } };
        });
      },
      (thrown: unknown) => {
        setLoadingMore(false);
        if (id === loadRef.current) setLoadMoreError(toApiError(thrown));
      },
    );
  };

  return {
    state,
    reload: () => setGeneration((current) => current + 1),
    loadMore,
    loadingMore,
    loadMoreError,
    live: delay !== null,
  };
}
