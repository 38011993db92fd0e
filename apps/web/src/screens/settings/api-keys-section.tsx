import { useState } from 'react';
import { type ApiKey, deleteApiKey, listApiKeys } from '../../api/api-keys';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorState, LoadingState } from '../../components/request-states';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyDialog } from './create-api-key-dialog';
import { SectionHeader } from './section-header';

export function ApiKeysSection() {
  useDocumentTitle('API keys');
  const keys = useRequest(listApiKeys, 'api-keys');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  return (
    <section className="stack">
      <SectionHeader
        title="API keys"
        description={
          <>
            Scripts and other systems call the REST API with <code>Authorization: Bearer &lt;key&gt;</code>. A key sees
            only this workspace and only what its scopes allow.
          </>
        }
        action={
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            Create API key
          </button>
        }
      />
      {keys.state.status === 'loading' && <LoadingState label="Loading API keys…" />}
      {keys.state.status === 'error' && (
        <ErrorState error={keys.state.error} onRetry={() => keys.reload()} title="Could not load API keys" />
      )}
      {keys.state.status === 'ready' &&
        (keys.state.data.length === 0 ? (
          <div className="card">
            <EmptyState title="No API keys yet">
              <p>Create one for each system that talks to Tideway, so you can revoke them one at a time.</p>
            </EmptyState>
          </div>
        ) : (
          <ApiKeysTable keys={keys.state.data} onRevoke={setRevoking} />
        ))}

      {creating && (
        <CreateApiKeyDialog onClose={() => setCreating(false)} onCreated={() => keys.reload({ quietly: true })} />
      )}
      {revoking && (
        <ConfirmDialog
          title="Revoke this API key?"
          confirmLabel="Revoke key"
          onConfirm={() => deleteApiKey(revoking.id)}
          onDone={() => {
            const revokedId = revoking.id;
            setRevoking(null);
            keys.setData((current) => current.filter((key) => key.id !== revokedId));
          }}
          onCancel={() => setRevoking(null)}
        >
          <p>
            Requests using <strong>{revoking.name}</strong> (<code>{revoking.prefix}…</code>) will be refused from now
            on.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
