import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { RelativeTime } from '../../../components/RelativeTime';
import { ROLES, type Role } from '../../../lib/enums';
import { ROLE_LABELS } from '../../../lib/labels';
import { PASSWORD_HINT, validateNewPassword } from '../../../lib/passwords';
import { useUpdateAccount } from '../api/update-account';
import type { Account } from '../types';

/** One account: its role, active or not, and a new password, each saved on its own. */
export function AccountRow({ account }: { account: Account }) {
  const update = useUpdateAccount(account.id);
  const [settingPassword, setSettingPassword] = useState(false);
  const [notice, setNotice] = useState('');
  const pendingRole = update.isPending ? update.variables.role : undefined;

  const save = (changes: Parameters<typeof update.mutate>[0], done: string) => {
    setNotice('');
    update.mutate(changes, { onSuccess: () => setNotice(done) });
  };

  return (
    <tr className={account.active ? 'account-row' : 'account-row account-row--inactive'}>
      <th scope="row">{account.name}</th>
      <td className="account-row__email">{account.email}</td>
      <td>
        <label htmlFor={`account-${account.id}-role`} className="visually-hidden">
          Role of {account.name}
        </label>
        <select
          id={`account-${account.id}-role`}
          className="select"
          value={pendingRole ?? account.role}
          onChange={(event) => save({ role: event.target.value as Role }, `${account.name} is now ${ROLE_LABELS[event.target.value as Role]}.`)}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </td>
      <td>{account.active ? 'Active' : 'Deactivated'}</td>
      <td>{account.last_login_at ? <RelativeTime iso={account.last_login_at} /> : 'Never'}</td>
      <td className="account-row__actions">
        {account.active ? (
          <ConfirmButton
            label="Deactivate"
            describe={account.name}
            question={`Deactivate ${account.name}? They are signed out and their API tokens stop working at once.`}
            confirmLabel="Yes, deactivate"
            onConfirm={() => save({ active: false }, `${account.name} is deactivated.`)}
            disabled={update.isPending}
          />
        ) : (
          <button type="button" className="button" onClick={() => save({ active: true }, `${account.name} is active again.`)} disabled={update.isPending}>
            Reactivate <span className="visually-hidden">{account.name}</span>
          </button>
        )}
        {settingPassword ? (
          <PasswordForm
            account={account}
            pending={update.isPending}
            onSave={(password) => {
              setNotice('');
              update.mutate(
                { password },
                {
                  onSuccess: () => {
                    setSettingPassword(false);
                    setNotice(`New password set for ${account.name}; their sessions and tokens have ended.`);
                  },
                },
              );
            }}
            onCancel={() => setSettingPassword(false)}
          />
        ) : (
          <button type="button" className="button" onClick={() => setSettingPassword(true)}>
            Set password <span className="visually-hidden">for {account.name}</span>
          </button>
        )}
        {update.error && (
          <p className="alert alert--error" role="alert">
            Not saved: {update.error.message}
          </p>
        )}
        <p role="status" className="account-row__notice">
          {notice}
        </p>
      </td>
    </tr>
  );
}

interface PasswordFormProps {
  account: Account;
  pending: boolean;
  onSave: (password: string) => void;
  onCancel: () => void;
}

function PasswordForm({ account, pending, onSave, onCancel }: PasswordFormProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const id = `account-${account.id}-password`;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const problem = validateNewPassword(password);
    setError(problem);
    if (!problem) onSave(password);
  }

  return (
    <form className="account-row__password" noValidate onSubmit={handleSubmit}>
      <label htmlFor={id} className="field__label">
        New password for {account.name}
      </label>
      <input
        id={id}
        className="input"
        type="password"
        autoComplete="new-password"
        autoFocus
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
      <p id={`${id}-hint`} className="field__hint">
        {PASSWORD_HINT}
      </p>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={pending}>
        Save password
      </button>{' '}
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
