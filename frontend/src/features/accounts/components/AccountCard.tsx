import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { EnumSelect } from '../../../components/EnumSelect';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { RelativeTime } from '../../../components/RelativeTime';
import { ROLES } from '../../../lib/enums';
import { ROLE_LABELS } from '../../../lib/labels';
import { PASSWORD_HINT, validateNewPassword } from '../../../lib/passwords';
import { useDeliberateChoice } from '../../../lib/use-deliberate-choice';
import { useUpdateAccount } from '../api/update-account';
import type { Account } from '../types';

/** One account as a card: who, their role, active or not, and a new password, each saved on its own. */
export function AccountCard({ account }: { account: Account }) {
  const update = useUpdateAccount(account.id);
  const [settingPassword, setSettingPassword] = useState(false);
  const [notice, setNotice] = useState('');
  const pendingRole = update.isPending ? update.variables.role : undefined;
  const idPrefix = `account-${account.id}`;

  const save = (changes: Parameters<typeof update.mutate>[0], done: string) => {
    setNotice('');
    update.mutate(changes, { onSuccess: () => setNotice(done) });
  };
  const role = useDeliberateChoice(pendingRole ?? account.role, (value) => save({ role: value }, `${account.name} is now ${ROLE_LABELS[value]}.`));

  return (
    <li className={account.active ? 'list-card account-card' : 'list-card account-card account-card--inactive'} aria-labelledby={`${idPrefix}-name`}>
      <h3 id={`${idPrefix}-name`} className="list-card__title account-card__name">
        {account.name}
      </h3>
      <p className="account-card__email">{account.email}</p>
      <dl className="account-card__facts">
        <div>
          <dt>Status</dt>
          <dd>{account.active ? 'Active' : 'Deactivated'}</dd>
        </div>
        <div>
          <dt>Last sign-in</dt>
          <dd>{account.last_login_at ? <RelativeTime iso={account.last_login_at} /> : 'Never'}</dd>
        </div>
      </dl>
      <EnumSelect
        id={`${idPrefix}-role`}
        className="account-card__role"
        label={
          <>
            Role<span className="visually-hidden"> of {account.name}</span>
          </>
        }
        values={ROLES}
        labels={ROLE_LABELS}
        value={role.value}
        onChange={(value) => value && role.onChange(value)}
        selectProps={role.selectProps}
      />
      <div className="account-card__actions">
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
      </div>
      <ErrorAlert message={update.error && `Not saved: ${update.error.message}`} />
      <p role="status" className="account-card__notice">
        {notice}
      </p>
    </li>
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
    <form className="account-card__password" noValidate onSubmit={handleSubmit}>
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
