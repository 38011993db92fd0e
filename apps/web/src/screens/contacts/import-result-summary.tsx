import type { ImportResult } from '../../api/contacts';
import { formatCount } from '../../format/numbers';

/** Shown at most; a file with thousands of bad rows would otherwise freeze the dialog. */
const MAX_FAILURES_SHOWN = 200;

export function ImportResultSummary({ result }: { result: ImportResult }) {
  const failures = result.failed.slice(0, MAX_FAILURES_SHOWN);
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
        <div className={result.failed.length > 0 ? 'stat stat--danger' : 'stat'}>
          <dt>Failed</dt>
          <dd>{formatCount(result.failed.length)}</dd>
        </div>
      </dl>
      {failures.length > 0 && (
        <div className="scroll-box">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col" className="table__number">Row</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {failures.map((failure) => (
                <tr key={`${failure.row}:${failure.message}`}>
                  <td className="table__number">{failure.row}</td>
                  <td>{failure.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.failed.length > failures.length && (
        <p className="muted">
          Showing the first {formatCount(failures.length)} of {formatCount(result.failed.length)} failed rows.
        </p>
      )}
    </div>
  );
}
