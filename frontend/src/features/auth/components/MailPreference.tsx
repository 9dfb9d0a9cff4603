import { useId, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useMeAsStored } from '../api/get-me';
import { useUpdateMe } from '../api/update-me';

/**
 * "Email me about my tickets", saved as soon as it changes. The box shows the value being
 * saved meanwhile, and the stored one again if saving fails.
 */
export function MailPreference() {
  const checkboxId = useId();
  const hintId = useId();
  const me = useMeAsStored();
  const update = useUpdateMe();
  const [notice, setNotice] = useState('');
  const stored = me.data?.notify_by_mail;
  const saving = update.isPending && 'notify_by_mail' in update.variables ? update.variables.notify_by_mail : undefined;
  const checked = saving ?? stored;

  function handleChange(wanted: boolean) {
    // One change at a time: a second click while saving would race the first.
    if (update.isPending) return;
    setNotice('');
    update.mutate(
      { notify_by_mail: wanted },
      {
        onSuccess: (user) =>
          setNotice(user.notify_by_mail ? 'Saved: we will email you about your tickets.' : 'Saved: we will not email you about your tickets.'),
      },
    );
  }

  if (checked === undefined) {
    // A server that does not report the setting has none to change.
    if (!me.isFetching) return null;
    return (
      <section className="card" aria-labelledby="mail-preference-heading">
        <h2 id="mail-preference-heading">Email</h2>
        <p role="status">Loading your setting…</p>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="mail-preference-heading">
      <h2 id="mail-preference-heading">Email</h2>
      <div className="checkbox-field">
        <input id={checkboxId} type="checkbox" checked={checked} aria-describedby={hintId} onChange={(event) => handleChange(event.target.checked)} />
        <label htmlFor={checkboxId}>Email me about my tickets</label>
      </div>
      <p id={hintId} className="muted">
        When a ticket is assigned to you, and when a customer replies on a ticket you hold.
      </p>
      <ErrorAlert message={update.error && `Not saved: ${update.error.message}`} />
      <p role="status" className="form-actions__status">
        {update.isPending ? 'Saving…' : notice}
      </p>
    </section>
  );
}
