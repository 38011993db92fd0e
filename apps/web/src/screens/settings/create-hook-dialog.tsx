import { type FormEvent, useState } from 'react';
import { fieldErrorsFrom } from '../../api/field-errors';
import { createHook, type Hook, HOOK_EVENTS, type HookEvent } from '../../api/hooks';
import { Dialog } from '../../components/dialog';
import { FormError } from '../../components/form-error';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { HOOK_EVENT_LABELS } from './hook-events';
import { SecretReveal } from './secret-reveal';

const PREFIX = 'data.attributes.';

export function CreateHookDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (hook: Hook) => void }) {
  const [targetUrl, setTargetUrl] = useState('');
  const [event, setEvent] = useState<HookEvent>('contact_created');
  const [resourceId, setResourceId] = useState('');
  const [contentType, setContentType] = useState<'json' | 'form'>('json');
  const [created, setCreated] = useState<Hook | null>(null);
  const create = useAction(createHook);

  const onSubmit = async (submitted: FormEvent) => {
    submitted.preventDefault();
    const hook = await create.run({
      target_url: targetUrl.trim(),
      event,
      content_type: contentType,
      ...(resourceId.trim() ? { resource_id: resourceId.trim() } : {}),
    });
    if (hook) {
      setCreated(hook);
      onCreated(hook);
    }
  };

  if (created?.attributes.secret) {
    return (
      <Dialog
        title="Event hook created"
        onClose={onClose}
        footer={
          <button type="button" className="button button--primary" onClick={onClose}>
            I have copied the secret
          </button>
        }
      >
        <SecretReveal
          label="Signing secret"
          secret={created.attributes.secret}
          note="Copy this secret now: the receiver verifies the webhook-signature header with it. It will not be shown again; rotate it if it is lost."
        />
      </Dialog>
    );
  }

  const errors = Object.fromEntries(
    Object.entries(fieldErrorsFrom(create.error)).map(([path, message]) => [path.replace(PREFIX, ''), message]),
  );
  return (
    <Dialog
      title="Create event hook"
      onClose={onClose}
      busy={create.pending}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={create.pending}>
            Cancel
          </button>
          <button type="submit" form="create-hook-form" className="button button--primary" disabled={create.pending}>
            {create.pending ? 'Creating…' : 'Create hook'}
          </button>
        </>
      }
    >
      <form id="create-hook-form" className="stack" onSubmit={(submitted) => void onSubmit(submitted)} noValidate>
        <TextField
          label="Target URL"
          value={targetUrl}
          onChange={setTargetUrl}
          error={errors['target_url']}
          placeholder="https://example.com/tideway-events"
          data-autofocus
        />
        <SelectField
          label="Event"
          value={event}
          onChange={setEvent}
          error={errors['event']}
          options={HOOK_EVENTS.map((value) => ({ value, label: `${HOOK_EVENT_LABELS[value].label} (${value})` }))}
        />
        <TextField
          label={`${HOOK_EVENT_LABELS[event].filter} (optional)`}
          value={resourceId}
          onChange={setResourceId}
          error={errors['resource_id']}
          hint="Leave empty to receive every event of this type."
        />
        <SelectField
          label="Encoding"
          value={contentType}
          onChange={setContentType}
          error={errors['content_type']}
          options={[
            { value: 'json', label: 'JSON' },
            { value: 'form', label: 'Form (payload[contact][email]=…)' },
          ]}
        />
        <FormError
          error={create.error}
          knownPaths={['target_url', 'event', 'resource_id', 'content_type'].map((path) => PREFIX + path)}
        />
      </form>
    </Dialog>
  );
}
