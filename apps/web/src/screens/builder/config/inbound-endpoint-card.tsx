import { useId, useRef, useState } from 'react';
import {
  createInboundSecret,
  listInboundEndpoints,
  removeInboundSecret,
} from '../../../api/campaigns';
import { FormError } from '../../../components/form-error';
import { useAction } from '../../../hooks/use-action';
import { useRequest } from '../../../hooks/use-request';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The inbound URL of a webhook trigger or goal element, with its copy button,
 * and whether requests must be signed. An element gets its URL when the
 * campaign is saved; `revision` reloads it after each save.
 */
export function InboundEndpointCard({
  campaignId,
  nodeId,
  revision,
  readOnly,
}: {
  campaignId: string;
  nodeId: string;
  revision: number | undefined;
  readOnly: boolean;
}) {
  const urlId = useId();
  const endpoints = useRequest(
    (signal) => listInboundEndpoints(campaignId, signal),
    `${campaignId}:${revision ?? ''}`,
  );
  const [secret, setSecret] = useState<string | null>(null);
  const create = useAction(() => createInboundSecret(campaignId, nodeId));
  const remove = useAction(async () => {
    await removeInboundSecret(campaignId, nodeId);
    return true;
  });

  const setHasSecret = (hasSecret: boolean) =>
    endpoints.setData((list) =>
      list.map((endpoint) => (endpoint.nodeId === nodeId ? { ...endpoint, hasSecret } : endpoint)),
    );

  const requireSignature = async () => {
    const created = await create.run();
    if (!created) return;
    setSecret(created.secret);
    setHasSecret(true);
  };
  const stopRequiring = async () => {
    if (!(await remove.run())) return;
    setSecret(null);
    setHasSecret(false);
  };

  const state = endpoints.state;
  const endpoint =
    state.status === 'ready'
      ? state.data.find((candidate) => candidate.nodeId === nodeId)
      : undefined;

  return (
    <section className="panel-section" data-testid="inbound-endpoint">
      <h3 className="panel-section__title">Inbound URL</h3>
      {state.status === 'loading' && <p className="muted">Loading…</p>}
      {state.status === 'error' && <p className="field__error">{state.error.message}</p>}
      {state.status === 'ready' && !endpoint && (
        <p className="muted">Save the campaign to get this element’s URL.</p>
      )}
      {endpoint && (
        <div className="stack">
          <div className="field">
            <label className="field__label" htmlFor={urlId}>
              POST JSON or a form here
            </label>
            <CopyField id={urlId} value={endpoint.url} testId="inbound-url" />
            <p className="field__hint">
              The URL is the password: share it only with the system that sends. The email parameter
              finds or creates the contact.
            </p>
          </div>
          {secret && (
            <div className="field">
              <p className="notice notice--warning" role="note">
                Copy the signing secret now: it will not be shown again.
              </p>
              <CopyField id={`${urlId}-secret`} value={secret} testId="inbound-secret" />
            </div>
          )}
          {endpoint.hasSecret ? (
            <div className="stack--tight">
              <p className="muted">
                Requests must carry a valid Standard Webhooks signature (webhook-id,
                webhook-timestamp, webhook-signature).
              </p>
              {!readOnly && (
                <button
                  type="button"
                  className="button button--small"
                  disabled={remove.pending}
                  onClick={() => void stopRequiring()}
                >
                  Stop requiring a signature
                </button>
              )}
            </div>
          ) : (
            !readOnly && (
              <button
                type="button"
                className="button button--small"
                disabled={create.pending}
                onClick={() => void requireSignature()}
              >
                Require a signature
              </button>
            )
          )}
          <FormError error={create.error ?? remove.error} />
        </div>
      )}
    </section>
  );
}

function CopyField({ id, value, testId }: { id: string; value: string; testId: string }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const fieldRef = useRef<HTMLInputElement>(null);
  const copyValue = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      // Clipboard access needs a secure context; selecting the text lets the user press Ctrl+C.
      fieldRef.current?.select();
      setCopy('failed');
    }
  };
  return (
    <>
      <div className="copy-field">
        <input
          id={id}
          ref={fieldRef}
          className="input input--mono"
          value={value}
          readOnly
          onFocus={(event) => event.target.select()}
          data-testid={testId}
        />
        <button type="button" className="button button--small" onClick={() => void copyValue()}>
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      {copy === 'failed' && (
        <p className="field__hint" role="status">
          Could not reach the clipboard; the text is selected, press Ctrl+C (⌘C) to copy it.
        </p>
      )}
    </>
  );
}
