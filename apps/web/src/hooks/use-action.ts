import { useCallback, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';

export interface Action<Args extends unknown[], Result> {
  /** Resolves with the result, or with undefined when the call failed (the error is in `error`). */
  run: (...args: Args) => Promise<Result | undefined>;
  pending: boolean;
  error: ApiError | null;
  reset: () => void;
}

/** State for one user-triggered request: a form submit, a delete, a tag add. */
export function useAction<Args extends unknown[], Result>(
  perform: (...args: Args) => Promise<Result>,
): Action<Args, Result> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const performRef = useRef(perform);
  performRef.current = perform;

  const run = useCallback(async (...args: Args) => {
    setPending(true);
    setError(null);
    try {
      return await performRef.current(...args);
    } catch (thrown) {
      setError(toApiError(thrown));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);

  const reset = useCallback(() => setError(null), []);
  return { run, pending, error, reset };
}
