import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { NewPasswordField } from '../../../components/NewPasswordField';
import { PasswordField } from '../../../components/PasswordField';
import { validateNewPassword } from '../../../lib/passwords';
import { splitServerErrors } from '../../../lib/server-errors';
import { useUpdateMe } from '../api/update-me';
import type { User } from '../types';
import { MailPreference } from './MailPreference';

/** The signed-in user's own name, whether they get email, and password. */
export function ProfileForms({ user }: { user: User }) {
  return (
    <>
      <NameForm key={user.id} user={user} />
      <MailPreference />
      <PasswordForm />
    </>
  );
}

function NameForm({ user }: { user: User }) {
  const [name, setName] = useState(user.name);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState('');
  const update = useUpdateMe();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice('');
    const problem = name.trim() ? undefined : 'Enter your name.';
    setError(problem);
    if (problem) return;
    update.mutate(
      { name: name.trim() },
      {
        onSuccess: () => setNotice('Name saved.'),
        onError: (failure) => setError(splitServerErrors(failure, ['name'] as const).fieldMessages.name ?? failure.message),
      },
    );
  }

  return (
    <form className="card" noValidate onSubmit={handleSubmit} aria-labelledby="name-heading">
      <h2 id="name-heading">Your name</h2>
      <p className="muted">Signed in as {user.email}. Your name is shown on the tickets you work.</p>
      <Field id="profile-name" label="Name" error={error}>
        {(controlProps) => (
          <input {...controlProps} className="input" autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} />
        )}
      </Field>
      <FormActions submitLabel="Save name" busy={update.isPending} status={notice} />
    </form>
  );
}

type PasswordErrors = Partial<Record<'current_password' | 'password' | 'form', string>>;

function PasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [notice, setNotice] = useState('');
  const update = useUpdateMe();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice('');
    const clientErrors: PasswordErrors = {};
    if (!currentPassword) clientErrors.current_password = 'Enter your current password.';
    const problem = validateNewPassword(password);
    if (problem) clientErrors.password = problem;
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return;
    update.mutate(
      { password, current_password: currentPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setPassword('');
          setNotice('Password changed. Your other sessions are signed out; your API tokens still work.');
        },
        onError: (failure) => {
          const { fieldMessages, summary } = splitServerErrors(failure, ['current_password', 'password'] as const);
          setErrors({ ...fieldMessages, form: summary });
        },
      },
    );
  }

  return (
    <form className="card" noValidate onSubmit={handleSubmit} aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      <PasswordField
        id="profile-current-password"
        label="Current password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={setCurrentPassword}
        error={errors.current_password}
      />
      <NewPasswordField id="profile-new-password" label="New password" value={password} onChange={setPassword} error={errors.password} />
      <ErrorAlert message={errors.form} />
      <FormActions submitLabel="Change password" busy={update.isPending} status={notice} />
    </form>
  );
}
