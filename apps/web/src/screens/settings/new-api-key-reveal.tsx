import { useRef, useState } from 'react';
import type { CreatedApiKey } from '../../api/api-keys';

type CopyState = 'idle' | 'copied' | 'failed';

/** The one and only display of a new key's secret. */
export function NewApiKeyReveal({ apiKey }: { apiKey: CreatedApiKey }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const fieldRef = useRef<HTMLInputElement>(null);

  const copyKey = async () => {
    try {
      await navigator.clipboard.writeText(apiKey.key);
      setCopy('copied');
    } catch {
      // Clipboard access needs a secure context; selecting the text lets the user press Ctrl+C.
      fieldRef.current?.select();
      setCopy('failed');
    }
  };

  return (
    <div className="stack">
      <p className="notice notice--warning" role="note">
        Copy this key now. It will not be shown again; if it is lost, revoke it and create a new one.
      </p>
      <div className="field">
        <label className="field__label" htmlFor="new-api-key-value">
          {apiKey.name}
        </label>
        <div className="copy-field">
          <input
            id="new-api-key-value"
            ref={fieldRef}
            className="input input--mono"
            value={apiKey.key}
            readOnly
            onFocus={(event) => event.target.select()}
            data-autofocus
          />
          <button type="button" className="button" onClick={() => void copyKey()}>
            {copy === 'copied' ? 'Copied' : 'Copy'}
          </button>
        </div>
        <p className="field__hint" role="status">
          {copy === 'copied' && 'Copied to the clipboard.'}
          {copy === 'failed' && 'Could not reach the clipboard; the key is selected, press Ctrl+C (⌘C) to copy it.'}
        </p>
      </div>
      <p className="muted">
        Scopes: {apiKey.scopes.map((scope) => <code key={scope}>{scope} </code>)}
      </p>
    </div>
  );
}
