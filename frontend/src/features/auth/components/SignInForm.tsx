import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { useSignIn } from '../api/sign-in';
import { describeAttemptError } from '../attempt-errors';

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
      <Field id="sign-in-email" label="Email" error={errors.email}>
        {(controlProps) => (
          <input
            {...controlProps}
            className="input"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <Field id="sign-in-password" label="Password" error={errors.password}>
        {(controlProps) => (
          <input
            {...controlProps}
            className="input"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
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
