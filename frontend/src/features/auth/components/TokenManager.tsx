import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { CopyField } from '../../../components/CopyField';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Field } from '../../../components/Field';
import { RelativeTime } from '../../../components/RelativeTime';
import { RetryAlert } from '../../../components/RetryAlert';
import { splitServerErrors } from '../../../lib/server-errors';
import { useCreateToken } from '../api/create-token';
import { useRevokeToken } from '../api/revoke-token';
import { useTokens } from '../api/get-tokens';
import type { NewApiToken } from '../types';
import './TokenManager.css';

/** API tokens for curl, scripts and the CLI: make one (its secret shown once), see them, revoke one. */
export function TokenManager() {
  return (
    <>
      <CreateTokenForm />
      <TokenList />
    </>
  );
}

function CreateTokenForm() {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const create = useCreateToken();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    // The contract sets no length for a token's name: the server's 400, if any, shows at the field.
    const problem = trimmed ? undefined : 'Name the token after what will use it, e.g. "nightly export".';
    setError(problem);
    if (problem) return;
    create.mutate(trimmed, {
      onSuccess: () => setName(''),
      onError: (failure) => setError(splitServerErrors(failure, ['name'] as const).fieldMessages.name),
    });
  }

  return (
    <section className="card" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">New token</h2>
      <form className="token-form" noValidate onSubmit={handleSubmit}>
        <Field id="new-token-name" label="Token name" error={error}>
          {(controlProps) => (
            <input {...controlProps} className="input" autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      <ErrorAlert message={create.error && !error && `Not created: ${create.error.message}`} />
      {/* The secret lives only in this mutation's answer: dismissed, it is gone for good. */}
      {create.data && <NewTokenNotice token={create.data} onDone={() => create.reset()} />}
    </section>
  );
}

function NewTokenNotice({ token, onDone }: { token: NewApiToken; onDone: () => void }) {
  return (
    <div className="new-token" role="region" aria-label="Your new token">
      <p className="new-token__warning">
        <strong>Copy this token now: it will not be shown again.</strong> Use it as{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>. Anyone who has it can act as you.
      </p>
      <CopyField id={`new-token-${token.id}`} label={`Token "${token.name}"`} value={token.token} buttonLabel="Copy token" />
      <button type="button" className="button" onClick={onDone}>
        Done, I have copied it
      </button>
    </div>
  );
}

function TokenList() {
  const { data: tokens, error, isPending, refetch } = useTokens();
  const revoke = useRevokeToken();

  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Your tokens</h2>
      {isPending && <p role="status">Loading your tokens…</p>}
      {error && <RetryAlert message={`Could not load your tokens: ${error.message}`} onRetry={() => void refetch()} />}
      <ErrorAlert message={revoke.error && `Not revoked: ${revoke.error.message}`} />
      {tokens && tokens.length === 0 && <p className="muted">You have no API tokens.</p>}
      {tokens && tokens.length > 0 && (
        <div className="table-scroll">
          <table className="token-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row" className="ticket-text">
                    {token.name}
                  </th>
                  <td>
                    <RelativeTime iso={token.created_at} />
                  </td>
                  <td>{token.last_used_at ? <RelativeTime iso={token.last_used_at} /> : 'Never'}</td>
                  <td>
                    <ConfirmButton
                      label="Revoke"
                      describe={token.name}
                      question={`Revoke "${token.name}"? Anything using it stops working at once.`}
                      confirmLabel="Yes, revoke"
                      onConfirm={() => revoke.mutate(token.id)}
                      disabled={revoke.isPending && revoke.variables === token.id}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
