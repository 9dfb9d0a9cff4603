import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormActions } from '../../../components/FormActions';
import { NewPasswordField } from '../../../components/NewPasswordField';
import { PasswordField } from '../../../components/PasswordField';
import { ApiError } from '../../../lib/api-client';
import { validateNewPassword } from '../../../lib/passwords';
import { splitServerErrors } from '../../../lib/server-errors';
import { useConfirmPasswordReset } from '../api/confirm-password-reset';

type ResetErrors = Partial<Record<'password' | 'repeated' | 'form', string>>;

/** A 400 that names no field of ours is the server saying the link is used, expired or unknown. */
function isDeadLink(error: Error): boolean {
  return error instanceof ApiError && error.status === 400 && !error.fieldErrors.password;
}

/** Chooses a new password with the token of a mailed link (empty when the link lost it). */
export function ResetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [errors, setErrors] = useState<ResetErrors>({});
  const outcomeHeadingRef = useRef<HTMLHeadingElement>(null);
  const confirm = useConfirmPasswordReset();
  const linkIsDead = token === '' || (confirm.error !== null && isDeadLink(confirm.error));

  // The form gives way to the outcome: reading goes on from its heading.
  useEffect(() => {
    if (confirm.isSuccess || confirm.isError) outcomeHeadingRef.current?.focus();
  }, [confirm.isSuccess, confirm.isError]);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const clientErrors: ResetErrors = {};
    const problem = validateNewPassword(password);
    if (problem) clientErrors.password = problem;
    else if (repeated !== password) clientErrors.repeated = 'The two passwords differ.';
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return;
    confirm.mutate(
      { token, password },
      {
        onError: (failure) => {
          const { fieldMessages, summary } = splitServerErrors(failure, ['password'] as const);
          setErrors({ ...fieldMessages, form: summary });
        },
      },
    );
  }

  if (confirm.isSuccess) {
    return (
      <section className="card" aria-labelledby="reset-heading">
        <h1 id="reset-heading" ref={outcomeHeadingRef} className="page-title" tabIndex={-1}>
          Your password is set
        </h1>
        <p role="status">Use it from now on. Everywhere you were signed in, you are signed out.</p>
        <p>
          <Link href="/sign-in" className="button button--primary">
            Sign in
          </Link>
        </p>
      </section>
    );
  }

  if (linkIsDead) {
    return (
      <section className="card" aria-labelledby="reset-heading">
        <h1 id="reset-heading" ref={outcomeHeadingRef} className="page-title" tabIndex={-1}>
          This link is no longer valid.
        </h1>
        <p>
          A link works once, for one hour. <Link href="/forgot-password">Ask for a new link</Link>.
        </p>
      </section>
    );
  }

  return (
    <form className="card" noValidate onSubmit={handleSubmit} aria-labelledby="reset-heading">
      <h1 id="reset-heading" className="page-title">
        Choose a new password
      </h1>
      <NewPasswordField id="reset-password" label="New password" value={password} onChange={setPassword} error={errors.password} />
      <PasswordField
        id="reset-repeated"
        label="New password again"
        autoComplete="new-password"
        value={repeated}
        onChange={setRepeated}
        error={errors.repeated}
      />
      <ErrorAlert message={errors.form} />
      <FormActions submitLabel="Set password" busy={confirm.isPending} />
    </form>
  );
}
