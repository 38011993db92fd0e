import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { createOwner, fetchSetupStatus } from '../../api/auth';
import { rememberCsrfToken } from '../../api/csrf-token';
import { fieldErrorsFrom } from '../../api/field-errors';
import { DEFAULT_PATH } from '../../auth/return-path';
import { useSessionContext } from '../../auth/session-context';
import { FormError } from '../../components/form-error';
import { ErrorState, LoadingState } from '../../components/request-states';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
import { AuthLayout } from './auth-layout';

const MIN_PASSWORD_LENGTH = 8;

export function SetupScreen() {
  useDocumentTitle('Set up Tideway');
  const { refresh } = useSessionContext();
  const navigate = useNavigate();
  const setup = useRequest(fetchSetupStatus, 'setup');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspaceName, setWorkspaceName] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const create = useAction(async () => {
    const answer = await createOwner({ email: email.trim(), password, workspaceName: workspaceName.trim() });
    rememberCsrfToken(answer?.csrfToken);
    await refresh();
    return true;
  });

  if (setup.state.status === 'ready' && !setup.state.data.needsSetup) return <Navigate to="/login" replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!workspaceName.trim()) problems['workspaceName'] = 'Name your workspace.';
    if (!email.trim()) problems['email'] = 'Enter the owner’s email.';
    if (password.length < MIN_PASSWORD_LENGTH) problems['password'] = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    if (await create.run()) navigate(DEFAULT_PATH, { replace: true });
  };

  const errors = { ...fieldErrorsFrom(create.error), ...localErrors };

  return (
    <AuthLayout
      title="Create the owner account"
      subtitle="This is a new Tideway installation. The owner can invite people and manage every setting."
    >
      {setup.state.status === 'loading' && <LoadingState label="Checking this installation…" />}
      {setup.state.status === 'error' && <ErrorState error={setup.state.error} onRetry={() => setup.reload()} />}
      {setup.state.status === 'ready' && (
        <form className="stack" onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextField
            label="Workspace name"
            value={workspaceName}
            onChange={setWorkspaceName}
            error={errors['workspaceName']}
            hint="Usually your company or team."
            testId="setup-workspace"
            autoComplete="organization"
            required
            autoFocus
          />
          <TextField
            label="Email"
            type="email"
            value={email}
            onChange={setEmail}
            error={errors['email']}
            testId="setup-email"
            autoComplete="username"
            required
          />
          <TextField
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            error={errors['password']}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            testId="setup-password"
            autoComplete="new-password"
            required
          />
          <FormError error={create.error} knownPaths={['email', 'password', 'workspaceName']} />
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={create.pending}
            data-testid="setup-submit"
          >
            {create.pending ? 'Creating…' : 'Create owner account'}
          </button>
        </form>
      )}
    </AuthLayout>
  );
}
