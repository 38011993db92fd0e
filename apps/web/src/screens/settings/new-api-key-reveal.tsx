import type { CreatedApiKey } from '../../api/api-keys';
import { SecretReveal } from './secret-reveal';

/** The one and only display of a new key's secret, with its scopes. */
export function NewApiKeyReveal({ apiKey }: { apiKey: CreatedApiKey }) {
  return (
    <div className="stack">
      <SecretReveal
        label={apiKey.name}
        secret={apiKey.key}
        noun="key"
        note="Copy this key now. It will not be shown again; if it is lost, revoke it and create a new one."
      />
      <p className="muted">
        Scopes: {apiKey.scopes.map((scope) => <code key={scope}>{scope} </code>)}
      </p>
    </div>
  );
}
