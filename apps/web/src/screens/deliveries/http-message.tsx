import { useState } from 'react';
import type { HttpHeader } from '../../api/deliveries';
import { type FormPair, readableBody } from './readable-body';

export function HeaderList({ headers, empty = 'No headers.' }: { headers: readonly HttpHeader[]; empty?: string }) {
  if (headers.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="kv-table" data-testid="header-list">
      <tbody>
        {headers.map((header, index) => (
          <tr key={`${header.name}-${index}`}>
            <th scope="row">{header.name}</th>
            <td>{header.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PairTable({ pairs, testId }: { pairs: readonly FormPair[]; testId?: string }) {
  return (
    <table className="kv-table" data-testid={testId}>
      <tbody>
        {pairs.map((pair, index) => (
          <tr key={`${pair.name}-${index}`}>
            <th scope="row">{pair.name}</th>
            <td>{pair.value === '' ? <span className="muted">(empty)</span> : pair.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A logged body: JSON pretty-printed and form posts decoded into fields, with
 * the text exactly as sent one click away.
 */
export function BodyView({
  body,
  contentType,
  testId,
  truncated = false,
}: {
  body: string | null | undefined;
  contentType: string | null;
  testId?: string;
  truncated?: boolean;
}) {
  const [raw, setRaw] = useState(false);
  const readable = readableBody(body, contentType);
  if (readable.kind === 'empty') return <p className="muted">Empty body.</p>;
  const canToggle = readable.kind !== 'text';
  return (
    <div className="body-view" data-testid={testId} data-body-kind={readable.kind}>
      {(canToggle || truncated) && (
        <div className="body-view__bar">
          {canToggle && (
            <div className="segmented" role="group" aria-label="Body view">
              <button type="button" className="segmented__option" aria-pressed={!raw} onClick={() => setRaw(false)}>
                {readable.kind === 'json' ? 'Formatted' : 'Fields'}
              </button>
              <button type="button" className="segmented__option" aria-pressed={raw} onClick={() => setRaw(true)}>
                As sent
              </button>
            </div>
          )}
          {truncated && (
            <span className="status status--paused" data-testid="body-truncated" title="Only the start of the body was kept in the log">
              Truncated
            </span>
          )}
        </div>
      )}
      {readable.kind === 'form' && !raw ? (
        <PairTable pairs={readable.pairs} testId="form-fields" />
      ) : (
        <pre className="code-block">{readable.kind === 'json' && !raw ? readable.pretty : readable.raw}</pre>
      )}
    </div>
  );
}
