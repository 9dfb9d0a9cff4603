import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormActions } from '../../../components/FormActions';
import { splitServerErrors } from '../../../lib/server-errors';
import { useRequestPasswordReset } from '../api/request-password-reset';
import { describeAttemptError } from '../attempt-errors';
import { UsernameEmailField } from './UsernameEmailField';

/**
 * Asks for a mailed link to choose a new password. What follows never tells whether the
 * address is an account's: the server answers the same, and so does this page.
 */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const emailRef = useRef<HTMLInputElement>(null);
  const doneHeadingRef = useRef<HTMLHeadingElement>(null);
  const request = useRequestPasswordReset();

  // The form (and the focused button) give way to the answer: reading goes on from there.
  useEffect(() => {
    if (request.isSuccess) doneHeadingRef.current?.focus();
  }, [request.isSuccess]);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const problem = email.trim() ? undefined : 'Enter your email.';
    setError(problem);
    if (problem) {
      emailRef.current?.focus();
      return;
    }
    request.mutate(email.trim(), {
      onError: (failure) => setError(splitServerErrors(failure, ['email'] as const).fieldMessages.email),
    });
  }

  if (request.isSuccess) {
    return (
      <section className="card" aria-labelledby="forgot-heading">
        <h1 id="forgot-heading" ref={doneHeadingRef} className="page-title" tabIndex={-1}>
          Check your email
        </h1>
        <p role="status" className="alert alert--info">
          If an account uses that address, we sent a link to reset its password. It works for one hour.
        </p>
        <p>
          <Link href="/sign-in">Back to sign in</Link>
        </p>
      </section>
    );
  }

  // A refusal about the address is shown next to the field; any other (429, the server away) above the button.
  const otherFailure = request.error && !error ? describeAttemptError(request.error) : undefined;
  return (
    <form className="card" noValidate onSubmit={handleSubmit} aria-labelledby="forgot-heading">
      <h1 id="forgot-heading" className="page-title">
        Forgot your password?
      </h1>
      <p className="muted">Enter the email you sign in with. We will send you a link to choose a new password.</p>
      <UsernameEmailField id="forgot-email" ref={emailRef} value={email} onChange={setEmail} error={error} />
      <ErrorAlert message={otherFailure} />
      <FormActions submitLabel="Send the link" busy={request.isPending}>
        <Link href="/sign-in">Back to sign in</Link>
      </FormActions>
    </form>
  );
}
