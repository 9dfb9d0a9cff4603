import { useState } from 'react';
import { useUpdateTicket, type UpdateTicketVariables } from './api/update-ticket';
import type { Ticket, TicketChanges } from './types';

export type TicketEdit = Pick<UpdateTicketVariables, 'changes' | 'preview'>;

/** The edit that puts back what `edit` changes on `ticket`. */
function reverting(ticket: Ticket, { changes }: TicketEdit): TicketEdit {
  const { assignee_id: assigneeId, ...fields } = changes;
  const previous: TicketChanges = Object.fromEntries(Object.keys(fields).map((field) => [field, ticket[field as keyof typeof fields]]));
  if (assigneeId === undefined) return { changes: previous };
  return { changes: { ...previous, assignee_id: ticket.assignee?.id ?? null }, preview: { assignee: ticket.assignee } };
}

export type EditOutcome = 'updated' | 'undone' | null;

/** Saves edits of a ticket; after each, the last one can be undone (with If-Match, like any edit). */
export function useUndoableEdit(ticket: Ticket) {
  const update = useUpdateTicket(ticket.id);
  const [undoEdit, setUndoEdit] = useState<TicketEdit | null>(null);
  const [outcome, setOutcome] = useState<EditOutcome>(null);

  function run(edit: TicketEdit, revert: TicketEdit | null) {
    setOutcome(null);
    update.mutate(
      { ticket, ...edit },
      {
        onSuccess: () => {
          setUndoEdit(revert);
          setOutcome(revert ? 'updated' : 'undone');
        },
      },
    );
  }

  return {
    error: update.error,
    outcome,
    save: (edit: TicketEdit) => run(edit, reverting(ticket, edit)),
    undo: () => undoEdit && run(undoEdit, null),
  };
}
