import type { ApiError } from '../api/api-error';

export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

export function LoadingState({ label }: { label: string }) {
  return (
    <div className="request-state" role="status" aria-live="polite">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

export function ErrorState({ error, onRetry, title = 'Could not load this' }: {
  error: ApiError;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div className="request-state request-state--error" role="alert">
      <div>
        <p className="request-state__title">{title}</p>
        <p className="request-state__message">{error.message}</p>
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
