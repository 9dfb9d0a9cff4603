import { useState, type FormEvent } from 'react';
import { useUpdateTicket } from '../api/update-ticket';
import { splitServerErrors } from '../../../lib/server-errors';
import type { Ticket, TicketChanges } from '../types';
import { validateTicketText, type TicketTextErrors } from '../validation';
import { SaveError } from './SaveError';
import { TicketTextFields } from './TicketTextFields';

/** Edits a ticket's title and description; mount with `key={ticket.id}` so each ticket starts fresh. */
export function TicketEditForm({ ticket }: { ticket: Ticket }) {
  const [draft, setDraft] = useState({ title: ticket.title, description: ticket.description });
  const [errors, setErrors] = useState<TicketTextErrors>({});
  const [notice, setNotice] = useState('');
  const update = useUpdateTicket(ticket.id);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice('');
    const clientErrors = validateTicketText(draft);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return;
    const changes: TicketChanges = {};
    if (draft.title.trim() !== ticket.title) changes.title = draft.title.trim();
    if (draft.description.trim() !== ticket.description) changes.description = draft.description.trim();
    if (Object.keys(changes).length === 0) {
      setNotice('Nothing to save: the text is unchanged.');
      return;
    }
    update.mutate(
      { ticket, changes },
      {
        onSuccess: () => setNotice('Saved.'),
        onError: (error) => setErrors(splitServerErrors(error, ['title', 'description'] as const).fieldMessages),
      },
    );
  }

  return (
    <form className="card" noValidate onSubmit={handleSubmit} aria-labelledby="edit-ticket-heading">
      <h2 id="edit-ticket-heading">Edit text</h2>
      <TicketTextFields idPrefix="edit-ticket" values={draft} errors={errors} onChange={setDraft} />
      <SaveError error={update.error} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save changes'}
        </button>
        <p role="status" className="form-actions__status">
          {notice}
        </p>
      </div>
    </form>
  );
}
