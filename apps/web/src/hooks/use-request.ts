import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';
import { isAbort } from '../api/client';

export type RequestState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T };

export interface Request<T> {
  state: RequestState<T>;
  /** Loads again; keeps showing the current data until the answer arrives when `quietly`. */
  reload: (options?: { quietly?: boolean }) => void;
  /** Replaces the data locally, e.g. with the answer of a PATCH. */
  setData: (update: (current: T) => T) => void;
}

/**
 * Runs `load` when the component mounts and whenever `key` changes, aborting the
 * previous call so a slow answer never overwrites a newer one.
 */
export function useRequest<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Request<T> {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const quietRef = useRef(false);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    if (!quietRef.current) setState({ status: 'loading' });
    quietRef.current = false;
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (thrown: unknown) => {
        if (controller.signal.aborted || isAbort(thrown)) return;
        setState({ status: 'error', error: toApiError(thrown) });
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback((options?: { quietly?: boolean }) => {
    quietRef.current = options?.quietly ?? false;
    setGeneration((current) => current + 1);
  }, []);

  const setData = useCallback((update: (current: T) => T) => {
    setState((current) => (current.status === 'ready' ? { status: 'ready', data: update(current.data) } : current));
  }, []);

  return { state, reload, setData };
}
