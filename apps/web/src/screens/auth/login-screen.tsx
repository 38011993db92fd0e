import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { fetchSetupStatus, logIn } from '../../api/auth';
import { rememberCsrfToken } from '../../api/csrf-token';
import { fieldErrorsFrom } from '../../api/field-errors';
import { returnPathFrom } from '../../auth/return-path';
import { useSessionContext } from '../../auth/session-context';
import { FormError } from '../../components/form-error';
import { LoadingState } from '../../components/request-states';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useCountdown } from '../../hooks/use-countdown';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useRequest } from '../../hooks/use-request';
import { AuthLayout } from './auth-layout';
import { tooManyAttemptsMessage } from './too-many-attempts';

export function LoginScreen() {
  useDocumentTitle('Sign in');
  const { state: sessionState, refresh } = useSessionContext();
  const location = useLocation();
  const navigate = useNavigate();
  const setup = useRequest(fetchSetupStatus, 'setup');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useAction(async () => {
    const answer = await logIn({ email: email.trim(), password });
    rememberCsrfToken(answer.csrfToken);
    await refresh();
    return answer;
  });
  const retryAfter = login.error?.status === 429 ? (login.error.retryAfterSeconds ?? 0) : null;
  const secondsLeft = useCountdown(retryAfter, login.error?.receivedAt ?? 0);
  const limited = retryAfter !== null && secondsLeft > 0;

  if (sessionState.status === 'signedIn') return <Navigate to={returnPathFrom(location.state)} replace />;
  if (setup.state.status === 'ready' && setup.state.data.needsSetup) return <Navigate to="/setup" replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (limited) return;
    const answer = await login.run();
    if (answer) navigate(returnPathFrom(location.state), { replace: true });
  };

  const errors = fieldErrorsFrom(login.error);
  const message =
    login.error?.status === 429
      ? tooManyAttemptsMessage(secondsLeft)
      : login.error?.status === 401
        ? 'That email and password do not match an account.'
        : null;

  return (
    <AuthLayout title="Sign in" subtitle="Welcome back. Sign in to manage your campaigns and contacts.">
      {setup.state.status === 'loading' ? (
        <LoadingState label="Checking this installation…" />
      ) : (
        <form className="stack" onSubmit={(event) => void onSubmit(event)} noValidate>
          {setup.state.status === 'error' && (
            <p className="notice notice--warning" role="status">
              Could not check whether Tideway is set up: {setup.state.error.message}
            </p>
          )}
          <TextField
            label="Email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            error={errors['email']}
            testId="login-email"
            required
            autoFocus
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={errors['password']}
            testId="login-password"
            required
          />
          {message ? (
            <div className="form-error" role="alert">
              <p>{message}</p>
            </div>
          ) : (
            <FormError error={login.error} knownPaths={['email', 'password']} />
          )}
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={login.pending || limited}
            data-testid="login-submit"
          >
            {login.pending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
    </AuthLayout>
  );
}
