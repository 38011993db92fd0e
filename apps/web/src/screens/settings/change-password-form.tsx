import { type FormEvent, useState } from 'react';
import { changePassword } from '../../api/auth';
import { fieldErrorsFrom } from '../../api/field-errors';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';

const MIN_PASSWORD_LENGTH = 8;

export function ChangePasswordForm({ email }: { email: string }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [changed, setChanged] = useState(false);
  const change = useAction(async (current: string, next: string) => {
    await changePassword(current, next);
    return true;
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    const problems: Record<string, string> = {};
    if (!currentPassword) problems['currentPassword'] = 'Enter your current password.';
    if (newPassword.length < MIN_PASSWORD_LENGTH) problems['newPassword'] = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    if (confirmation !== newPassword) problems['confirmation'] = 'The passwords do not match.';
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    if (await change.run(currentPassword, newPassword)) {
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
      setChanged(true);
    }
  };

  const errors = { ...fieldErrorsFrom(change.error), ...localErrors };
  return (
    <form className="card stack form--narrow" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="change-password-title">
      <h3 className="card__title" id="change-password-title">
        Change password
      </h3>
      {/* Lets password managers tie the new password to this account. */}
      <input type="email" name="username" autoComplete="username" hidden readOnly value={email} />
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={setCurrentPassword}
        error={errors['currentPassword']}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={setNewPassword}
        error={errors['newPassword']}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
      />
      <TextField
        label="Repeat new password"
        type="password"
        autoComplete="new-password"
        value={confirmation}
        onChange={setConfirmation}
        error={errors['confirmation']}
      />
      <FormError error={change.error} knownPaths={['currentPassword', 'newPassword']} />
      <div className="form-actions">
        {changed && (
          <span className="form-actions__status" role="status">
            Password changed
          </span>
        )}
        <button type="submit" className="button button--primary" disabled={change.pending}>
          {change.pending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
