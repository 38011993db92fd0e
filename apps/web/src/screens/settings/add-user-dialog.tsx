import { type FormEvent, useState } from 'react';
import type { Role } from '../../api/auth';
import { fieldErrorsFrom } from '../../api/field-errors';
import { createUser, type NewWorkspaceUser } from '../../api/users';
import { Dialog } from '../../components/dialog';
import { FormError } from '../../components/form-error';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { ROLE_OPTIONS } from './role-labels';

const MIN_PASSWORD_LENGTH = 8;

export function AddUserDialog({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const add = useAction((user: NewWorkspaceUser) => createUser(user));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!email.trim()) problems['email'] = 'Enter an email address.';
    if (password.length < MIN_PASSWORD_LENGTH) problems['password'] = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    if (await add.run({ email: email.trim(), password, role })) onAdded();
  };

  const errors = { ...fieldErrorsFrom(add.error), ...localErrors };
  return (
    <Dialog
      title="Add user"
      onClose={onClose}
      size="small"
      busy={add.pending}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={add.pending}>
            Cancel
          </button>
          <button type="submit" form="add-user-form" className="button button--primary" disabled={add.pending}>
            {add.pending ? 'Adding…' : 'Add user'}
          </button>
        </>
      }
    >
      <form id="add-user-form" className="stack" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField label="Email" type="email" value={email} onChange={setEmail} error={errors['email']} autoComplete="off" data-autofocus />
        <TextField
          label="Initial password"
          type="password"
          value={password}
          onChange={setPassword}
          error={errors['password']}
          hint="Share it with them privately; they can change it under Settings → Account."
          autoComplete="new-password"
        />
        <SelectField label="Role" value={role} options={ROLE_OPTIONS} onChange={setRole} error={errors['role']} />
        <FormError error={add.error} knownPaths={['email', 'password', 'role']} />
      </form>
    </Dialog>
  );
}
