import { useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/** The one and only display of a new secret (an API key, a signing secret), with a copy button. */
export function SecretReveal({
  label,
  secret,
  note,
  noun = 'secret',
}: {
  label: string;
  secret: string;
  note: string;
  /** What the secret is called in the clipboard hint: "the key is selected". */
  noun?: string;
}) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const fieldRef = useRef<HTMLInputElement>(null);

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(secret);
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
        {note}
      </p>
      <div className="field">
        <label className="field__label" htmlFor="new-secret-value">
          {label}
        </label>
        <div className="copy-field">
          <input
            id="new-secret-value"
            ref={fieldRef}
            className="input input--mono"
            value={secret}
            readOnly
            onFocus={(event) => event.target.select()}
            data-autofocus
          />
          <button type="button" className="button" onClick={() => void copySecret()}>
            {copy === 'copied' ? 'Copied' : 'Copy'}
          </button>
        </div>
        <p className="field__hint" role="status">
          {copy === 'copied' && 'Copied to the clipboard.'}
          {copy === 'failed' && `Could not reach the clipboard; the ${noun} is selected, press Ctrl+C (⌘C) to copy it.`}
        </p>
      </div>
    </div>
  );
}
