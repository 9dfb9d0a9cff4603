import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PasswordField } from '../../../components/PasswordField';
import { FormActions } from '../../../components/FormActions';
import { useSignIn } from '../api/sign-in';
import { describeAttemptError } from '../attempt-errors';
import { UsernameEmailField } from './UsernameEmailField';

type SignInErrors = Partial<Record<'email' | 'password', string>>;

/** Email and password; on success the session starts and the page that asked moves on. */
export function SignInForm({ sessionEnded = false }: { sessionEnded?: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<SignInErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const signIn = useSignIn();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const clientErrors: SignInErrors = {};
    if (!email.trim()) clientErrors.email = 'Enter your email.';
    if (!password) clientErrors.password = 'Enter your password.';
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    signIn.mutate({ email: email.trim(), password }, { onError: () => setPassword('') });
  }

  return (
    <form ref={formRef} className="card sign-in-form" noValidate onSubmit={handleSubmit} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading" className="page-title">
        Sign in
      </h1>
      {sessionEnded && (
        <p role="status" className="alert alert--info">
          Your session has ended; sign in again.
        </p>
      )}
      <p className="muted">For support agents. Customers need no account: submit a ticket and keep its private link.</p>
      <UsernameEmailField id="sign-in-email" value={email} onChange={setEmail} error={errors.email} />
      <PasswordField
        id="sign-in-password"
        label="Password"
        autoComplete="current-password"
        name="password"
        required
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      <ErrorAlert message={signIn.error && describeAttemptError(signIn.error)} />
      <FormActions submitLabel="Sign in" busy={signIn.isPending}>
        {signIn.isPending && <p role="status" className="form-actions__status">Signing in…</p>}
      </FormActions>
      <p>
        <Link href="/forgot-password">Forgot password?</Link>
      </p>
    </form>
  );
}
