import { type FormEvent, useState } from 'react';
import { createApiKey, type CreatedApiKey, type Scope, SCOPES } from '../../api/api-keys';
import { fieldErrorsFrom } from '../../api/field-errors';
import { Dialog } from '../../components/dialog';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { NewApiKeyReveal } from './new-api-key-reveal';
import { SCOPE_DESCRIPTIONS } from './scope-descriptions';

export function CreateApiKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['contacts:read']);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const create = useAction((keyName: string, keyScopes: Scope[]) => createApiKey(keyName, keyScopes));

  const toggle = (scope: Scope, on: boolean) =>
    setScopes((current) => (on ? SCOPES.filter((s) => s === scope || current.includes(s)) : current.filter((s) => s !== scope)));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems['name'] = 'Name the key after the system that will use it.';
    if (scopes.length === 0) problems['scopes'] = 'Choose at least one scope.';
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const answer = await create.run(name.trim(), scopes);
    if (answer) {
      setCreated(answer);
      onCreated();
    }
  };

  if (created) {
    return (
      <Dialog
        title="API key created"
        onClose={onClose}
        footer={
          <button type="button" className="button button--primary" onClick={onClose}>
            I have copied the key
          </button>
        }
      >
        <NewApiKeyReveal apiKey={created} />
      </Dialog>
    );
  }

  const errors = { ...fieldErrorsFrom(create.error), ...localErrors };
  return (
    <Dialog
      title="Create API key"
      onClose={onClose}
      busy={create.pending}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={create.pending}>
            Cancel
          </button>
          <button type="submit" form="create-api-key-form" className="button button--primary" disabled={create.pending}>
            {create.pending ? 'Creating…' : 'Create key'}
          </button>
        </>
      }
    >
      <form id="create-api-key-form" className="stack" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField label="Name" value={name} onChange={setName} error={errors['name']} placeholder="Zapier, CRM sync…" data-autofocus />
        <fieldset className={errors['scopes'] ? 'fieldset field--invalid' : 'fieldset'}>
          <legend className="field__label">Scopes</legend>
          <div className="checkbox-list">
            {SCOPES.map((scope) => (
              <label key={scope} className="checkbox checkbox--described">
                <input type="checkbox" checked={scopes.includes(scope)} onChange={(event) => toggle(scope, event.target.checked)} />
                <span>
                  <code>{scope}</code>
                  <span className="checkbox__description">{SCOPE_DESCRIPTIONS[scope]}</span>
                </span>
              </label>
            ))}
          </div>
          {errors['scopes'] && <p className="field__error">{errors['scopes']}</p>}
        </fieldset>
        <FormError error={create.error} knownPaths={['name', 'scopes']} />
      </form>
    </Dialog>
  );
}
