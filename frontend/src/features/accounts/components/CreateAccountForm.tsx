import { useRef, useState, type FormEvent } from 'react';
import { EnumSelect } from '../../../components/EnumSelect';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { NewPasswordField } from '../../../components/NewPasswordField';
import { ApiError } from '../../../lib/api-client';
import { ROLES, type Role } from '../../../lib/enums';
import { ROLE_LABELS } from '../../../lib/labels';
import { validateNewPassword } from '../../../lib/passwords';
import { splitServerErrors } from '../../../lib/server-errors';
import { useCreateAccount } from '../api/create-account';
import type { NewAccount } from '../types';

const FIELDS = ['email', 'name', 'role', 'password'] as const;
type FormErrors = Partial<Record<(typeof FIELDS)[number] | 'form', string>>;
const EMPTY: NewAccount = { email: '', name: '', role: 'agent', password: '' };

function validate(account: NewAccount): FormErrors {
  const errors: FormErrors = {};
  if (!/^[^\s@]+@[^\s@]+$/.test(account.email.trim())) errors.email = 'Enter an email address like name@example.com.';
  if (!account.name.trim()) errors.name = 'Enter a name.';
  const passwordError = validateNewPassword(account.password);
  if (passwordError) errors.password = passwordError;
  return errors;
}

function toFormErrors(error: Error): FormErrors {
  // A taken email is a 409 with a message only: it belongs next to the email field.
  if (error instanceof ApiError && error.status === 409) return { email: error.message, form: error.message };
  const { fieldMessages, summary } = splitServerErrors(error, FIELDS);
  return { ...fieldMessages, form: summary };
}

/** A new agent or admin, with a first password the admin passes on to them. */
export function CreateAccountForm() {
  const [account, setAccount] = useState(EMPTY);
  const [errors, setErrors] = useState<FormErrors>({});
  const [notice, setNotice] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateAccount();
  const focusFirstInvalid = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice('');
    const clientErrors = validate(account);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return focusFirstInvalid();
    create.mutate(
      { ...account, email: account.email.trim(), name: account.name.trim() },
      {
        onSuccess: (created) => {
          setAccount(EMPTY);
          setNotice(`Account for ${created.name} created.`);
        },
        onError: (error) => {
          setErrors(toFormErrors(error));
          focusFirstInvalid();
        },
      },
    );
  }

  const text = (field: 'email' | 'name', label: string, type: string) => (
    <Field id={`new-account-${field}`} label={label} error={errors[field]}>
      {(controlProps) => (
        <input
          {...controlProps}
          className="input"
          type={type}
          autoComplete="off"
          value={account[field]}
          onChange={(event) => setAccount({ ...account, [field]: event.target.value })}
        />
      )}
    </Field>
  );

  return (
    <form ref={formRef} className="card" noValidate onSubmit={handleSubmit} aria-labelledby="new-account-heading">
      <h2 id="new-account-heading">New account</h2>
      <div className="form-row">
        {text('email', 'Email', 'email')}
        {text('name', 'Name', 'text')}
      </div>
      <div className="form-row">
        <EnumSelect
          id="new-account-role"
          label="Role"
          values={ROLES}
          labels={ROLE_LABELS}
          value={account.role}
          error={errors.role}
          onChange={(role) => role && setAccount({ ...account, role: role as Role })}
        />
        <NewPasswordField
          id="new-account-password"
          label="First password"
          value={account.password}
          onChange={(password) => setAccount({ ...account, password })}
          error={errors.password}
        />
      </div>
      <ErrorAlert message={errors.form} />
      <FormActions submitLabel="Create account" busy={create.isPending} status={notice} />
    </form>
  );
}
