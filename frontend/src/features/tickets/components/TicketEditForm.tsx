import { useState, type FormEvent } from 'react';
import { EditConflictError, useUpdateTicket } from '../api/update-ticket';
import { splitServerErrors } from '../../../lib/server-errors';
import { FormActions } from '../../../components/FormActions';
import type { Ticket, TicketChanges } from '../types';
import { validateTicketText, type TicketTextErrors } from '../validation';
import { SaveError } from './SaveError';
import { TicketTextFields, type TicketTextValues } from './TicketTextFields';

const textOf = ({ title, description }: Ticket): TicketTextValues => ({ title, description });

/** The fields of `draft` that differ from `base`, trimmed as the server stores them. */
function changesFrom(base: Ticket, draft: TicketTextValues): TicketChanges {
  const changes: TicketChanges = {};
  if (draft.title.trim() !== base.title) changes.title = draft.title.trim();
  if (draft.description.trim() !== base.description) changes.description = draft.description.trim();
  return changes;
}

/**
 * Edits a ticket's title and description; mount with `key={ticket.id}` so each ticket starts
 * fresh. A save carries the version the draft started from (`base`), whatever the page has
 * refetched since: someone else's change is a conflict to review, never silently overwritten.
 */
export function TicketEditForm({ ticket }: { ticket: Ticket }) {
  const [base, setBase] = useState(ticket);
  const [draft, setDraft] = useState(() => textOf(ticket));
  const [errors, setErrors] = useState<TicketTextErrors>({});
  const [notice, setNotice] = useState('');
  const update = useUpdateTicket(ticket.id);
  const conflict = update.error instanceof EditConflictError ? update.error : null;

  // An untouched form follows the ticket as it is fetched; a draft keeps its starting point.
  const untouched = draft.title === base.title && draft.description === base.description;
  if (untouched && !conflict && ticket.updated_at !== base.updated_at) {
    setBase(ticket);
    setDraft(textOf(ticket));
  }

  function startFrom(version: Ticket) {
    setBase(version);
    setDraft(textOf(version));
    update.reset();
  }

  function save(from: Ticket) {
    setNotice('');
    const clientErrors = validateTicketText(draft);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return;
    const changes = changesFrom(from, draft);
    if (Object.keys(changes).length === 0) {
      setNotice('Nothing to save: the text is unchanged.');
      return;
    }
    update.mutate(
      { ticket: from, changes },
      {
        onSuccess: (saved) => {
          startFrom(saved);
          setNotice('Saved.');
        },
        onError: (error) => setErrors(splitServerErrors(error, ['title', 'description'] as const).fieldMessages),
      },
    );
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    save(base);
  }

  return (
    <form className="card" noValidate onSubmit={handleSubmit} aria-labelledby="edit-ticket-heading">
      <h2 id="edit-ticket-heading">Edit text</h2>
      <TicketTextFields idPrefix="edit-ticket" values={draft} errors={errors} onChange={setDraft} />
      <SaveError error={update.error} />
      {conflict && (
        <div className="form-actions" role="group" aria-label="After reviewing their change">
          <button type="button" className="button" onClick={() => save(conflict.current)}>
            Overwrite with my version
          </button>
          <button type="button" className="button" onClick={() => startFrom(conflict.current)}>
            Discard my draft
          </button>
        </div>
      )}
      <FormActions submitLabel={update.isPending ? 'Saving…' : 'Save changes'} busy={update.isPending} status={notice} />
    </form>
  );
}
