import type { ImportJobResult } from '../../api/contacts';
import type { JobErrorSample } from '../../api/jobs';
import { formatCount } from '../../format/numbers';

/** Shown at most; a file with thousands of bad rows would otherwise freeze the dialog. */
const MAX_FAILURES_SHOWN = 200;

export function ImportResultSummary({
  result,
  failures,
}: {
  result: ImportJobResult;
  failures: readonly JobErrorSample[];
}) {
  const shown = failures.slice(0, MAX_FAILURES_SHOWN);
  return (
    <div className="stack">
      <dl className="stat-row">
        <div className="stat">
          <dt>Created</dt>
          <dd>{formatCount(result.created)}</dd>
        </div>
        <div className="stat">
          <dt>Updated</dt>
          <dd>{formatCount(result.updated)}</dd>
        </div>
        <div className={result.failedTotal > 0 ? 'stat stat--danger' : 'stat'}>
          <dt>Failed</dt>
          <dd>{formatCount(result.failedTotal)}</dd>
        </div>
      </dl>
      {shown.length > 0 && (
        <div className="scroll-box">
          <table className="table table--compact" data-testid="import-failures">
            <thead>
              <tr>
                <th scope="col" className="table__number">
                  Row
                </th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((failure) => (
                <tr key={`${failure.row ?? ''}:${failure.message}`}>
                  <td className="table__number">{failure.row ?? ''}</td>
                  <td>
                    {failure.field ? (
                      <code>{failure.field}</code>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>{failure.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.failedTotal > shown.length && (
        <p className="muted">
          Showing the first {formatCount(shown.length)} of {formatCount(result.failedTotal)} failed
          rows.
        </p>
      )}
    </div>
  );
}
