import type { ApiError } from '../api/api-error';
import { ErrorState, LoadingState } from './request-states';

export function FullPageLoading({ label }: { label: string }) {
  return (
    <div className="full-page">
      <LoadingState label={label} />
    </div>
  );
}

export function FullPageError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  return (
    <div className="full-page">
      <div className="full-page__panel">
        <ErrorState error={error} onRetry={onRetry} title="Tideway could not start" />
      </div>
    </div>
  );
}
