import { EnumSelect } from '../../../components/EnumSelect';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../../lib/enums';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../../lib/labels';
import { useUpdateTicket } from '../api/update-ticket';
import type { Ticket, TicketChanges } from '../types';
import { SaveError } from './SaveError';
import './TicketQuickEdit.css';

interface TicketQuickEditProps {
  ticket: Ticket;
  /** Tighter layout for a list row. */
  compact?: boolean;
}

/** Status, category and priority, each saved the moment it changes. */
export function TicketQuickEdit({ ticket, compact = false }: TicketQuickEditProps) {
  const update = useUpdateTicket(ticket.id);
  const idPrefix = `ticket-${ticket.id}${compact ? '-row' : ''}`;
  // In a list the visible word is enough for the eye; a screen reader also hears which ticket.
  const label = (field: string) => (
    <>
      {field}
      <span className="visually-hidden"> of ticket #{ticket.id}</span>
    </>
  );
  const save = (changes: TicketChanges) => update.mutate({ ticket, changes });

  return (
    <div className={compact ? 'quick-edit quick-edit--compact' : 'quick-edit'}>
      <EnumSelect
        id={`${idPrefix}-status`}
        label={label('Status')}
        values={STATUSES}
        labels={STATUS_LABELS}
        value={ticket.status}
        onChange={(status) => status && save({ status })}
      />
      <EnumSelect
        id={`${idPrefix}-category`}
        label={label('Category')}
        values={CATEGORIES}
        labels={CATEGORY_LABELS}
        value={ticket.category}
        onChange={(category) => category && save({ category })}
      />
      <EnumSelect
        id={`${idPrefix}-priority`}
        label={label('Priority')}
        values={PRIORITIES}
        labels={PRIORITY_LABELS}
        value={ticket.priority}
        onChange={(priority) => priority && save({ priority })}
      />
      <SaveError error={update.error} />
    </div>
  );
}
