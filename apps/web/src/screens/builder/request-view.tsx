/** A rendered HTTP request (and optional response), as a marketer would read it in a log. */
export function RequestView({
  request,
  response,
}: {
  request: { method: string; url: string; headers?: { name: string; value: string }[]; body?: string | null };
  response?: { status?: number; body?: unknown; durationMs?: number } | null;
}) {
  return (
    <div className="request-view">
      <div className="request-view__line">
        <span className="request-view__method">{request.method}</span>
        <span className="request-view__url" data-testid="preview-url">
          {request.url}
        </span>
      </div>
      {request.headers && request.headers.length > 0 && (
        <dl className="request-view__headers">
          {request.headers.map((header, index) => (
            <div key={`${header.name}-${index}`}>
              <dt>{header.name}:</dt> <dd>{header.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {request.body !== null && request.body !== undefined && (
        <pre className="request-view__body" data-testid="preview-body">
          {request.body || '(empty body)'}
        </pre>
      )}
      {response && (
        <div className="request-view__response">
          <span className={`request-view__status ${response.status && response.status < 400 ? 'is-ok' : 'is-bad'}`}>{response.status ?? 'no answer'}</span>
          {response.durationMs !== undefined && <span className="muted"> · {response.durationMs} ms</span>}
          {response.body !== undefined && response.body !== null && (
            <pre className="request-view__body">{typeof response.body === 'string' ? response.body : JSON.stringify(response.body, null, 2)}</pre>
          )}
        </div>
      )}
    </div>
  );
}
