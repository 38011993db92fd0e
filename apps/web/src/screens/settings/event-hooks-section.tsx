import { useState } from 'react';
import { toApiError } from '../../api/api-error';
import { deleteHook, type Hook, listHooks, rotateHookSecret, sendTestEvent, updateHook } from '../../api/hooks';
import { hasScope } from '../../auth/scopes';
import { useSession } from '../../auth/session-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { ErrorState, LoadingState } from '../../components/request-states';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
import type { ApiError } from '../../api/api-error';
import { CreateHookDialog } from './create-hook-dialog';
import { HookDeliveriesDialog } from './hook-deliveries-dialog';
import { type HookAction, HooksTable } from './hooks-table';
import { SecretReveal } from './secret-reveal';
import { SectionHeader } from './section-header';

type Open =
  | { kind: 'create' }
  | { kind: 'deliveries'; hook: Hook }
  | { kind: 'delete'; hook: Hook }
  | { kind: 'rotate'; hook: Hook }
  | { kind: 'rotated'; hook: Hook; secret: string }
  | null;

/** Settings › Event hooks: other systems subscribe to what happens in this workspace. */
export function EventHooksSection() {
  useDocumentTitle('Event hooks');
  const session = useSession();
  const canWrite = hasScope(session.scopes, 'hooks:write');
  const canReplay = hasScope(session.scopes, 'campaigns:write');
  const hooks = useRequest(listHooks, 'hooks');
  const [open, setOpen] = useState<Open>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const replace = (hook: Hook) => hooks.setData((current) => current.map((h) => (h.id === hook.id ? hook : h)));

  const run = async (hook: Hook, perform: () => Promise<string>) => {
    setBusyId(hook.id);
    setError(null);
    setMessage(null);
    try {
      setMessage(await perform());
    } catch (thrown) {
      setError(toApiError(thrown));
    } finally {
      setBusyId(null);
    }
  };

  const onAction = (hook: Hook, action: HookAction) => {
    if (action === 'deliveries') setOpen({ kind: 'deliveries', hook });
    else if (action === 'delete') setOpen({ kind: 'delete', hook });
    else if (action === 'rotate') setOpen({ kind: 'rotate', hook });
    else if (action === 'test') {
      void run(hook, async () => {
        await sendTestEvent(hook.id);
        hooks.reload({ quietly: true });
        return `A sample ${hook.attributes.event} event is on its way to ${hook.attributes.target_url}; see Deliveries for the answer.`;
      });
    } else {
      void run(hook, async () => {
        const updated = await updateHook(hook.id, { active: !hook.attributes.active });
        replace(updated);
        return updated.attributes.active ? 'The hook is enabled again.' : 'The hook is disabled: it receives no events until enabled.';
      });
    }
  };

  const disabled = hooks.state.status === 'ready' ? hooks.state.data.filter((hook) => hook.attributes.disabled_reason) : [];

  return (
    <section className="stack">
      <SectionHeader
        title="Event hooks"
        description={
          <>
            Other systems subscribe to events in this workspace: Tideway POSTs <code>{'{id, event, payload}'}</code> to their URL,
            signed with Standard Webhooks headers, and retries when they fail. A hook that answers 410 or keeps failing is
            disabled.
          </>
        }
        action={
          canWrite && (
            <button type="button" className="button button--primary" onClick={() => setOpen({ kind: 'create' })}>
              Create event hook
            </button>
          )
        }
      />
      {disabled.length > 0 && (
        <p className="notice notice--warning" role="alert">
          {disabled.length === 1 ? 'One event hook was' : `${disabled.length} event hooks were`} disabled because the receiver
          refused or kept failing; the reason is shown below. Fix the receiver, then enable the hook.
        </p>
      )}
      {message && (
        <p className="notice notice--success" role="status">
          {message}
        </p>
      )}
      <FormError error={error} />
      {hooks.state.status === 'loading' && <LoadingState label="Loading event hooks…" />}
      {hooks.state.status === 'error' && (
        <ErrorState error={hooks.state.error} onRetry={() => hooks.reload()} title="Could not load event hooks" />
      )}
      {hooks.state.status === 'ready' &&
        (hooks.state.data.length === 0 ? (
          <div className="card">
            <EmptyState title="No event hooks yet">
              <p>Create one to tell another system when contacts change, enter campaigns or reach goals.</p>
            </EmptyState>
          </div>
        ) : (
          <HooksTable hooks={hooks.state.data} canWrite={canWrite} busyId={busyId} onAction={onAction} />
        ))}

      {open?.kind === 'create' && (
        <CreateHookDialog onClose={() => setOpen(null)} onCreated={() => hooks.reload({ quietly: true })} />
      )}
      {open?.kind === 'deliveries' && (
        <HookDeliveriesDialog hook={open.hook} canReplay={canReplay} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete this event hook?"
          confirmLabel="Delete hook"
          onConfirm={() => deleteHook(open.hook.id)}
          onDone={() => {
            const deletedId = open.hook.id;
            setOpen(null);
            hooks.setData((current) => current.filter((hook) => hook.id !== deletedId));
          }}
          onCancel={() => setOpen(null)}
        >
          <p>
            <code>{open.hook.attributes.target_url}</code> will receive no more <code>{open.hook.attributes.event}</code> events,
            and its delivery log is deleted with it.
          </p>
        </ConfirmDialog>
      )}
      {open?.kind === 'rotate' && (
        <ConfirmDialog
          title="Rotate the signing secret?"
          confirmLabel="Rotate secret"
          onConfirm={async () => {
            const rotated = await rotateHookSecret(open.hook.id);
            replace(rotated);
            setOpen({ kind: 'rotated', hook: rotated, secret: rotated.attributes.secret ?? '' });
          }}
          onDone={() => undefined}
          onCancel={() => setOpen(null)}
        >
          <p>
            A new secret signs every delivery from now on. The current one keeps signing beside it for a while (both signatures
            are sent), so the receiver can switch without refusing a request.
          </p>
        </ConfirmDialog>
      )}
      {open?.kind === 'rotated' && (
        <Dialog
          title="New signing secret"
          onClose={() => setOpen(null)}
          footer={
            <button type="button" className="button button--primary" onClick={() => setOpen(null)}>
              I have copied the secret
            </button>
          }
        >
          <SecretReveal
            label={`Secret for ${open.hook.attributes.target_url}`}
            secret={open.secret}
            note="Copy this secret now; it will not be shown again. The previous secret stops signing when the rotation window ends."
          />
        </Dialog>
      )}
    </section>
  );
}
