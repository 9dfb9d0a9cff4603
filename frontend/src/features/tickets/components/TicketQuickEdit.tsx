import { EnumSelect } from '../../../components/EnumSelect';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../../lib/enums';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../../lib/labels';
import { useDeliberateChoice } from '../../../lib/use-deliberate-choice';
import type { Ticket } from '../types';
import { useUndoableEdit } from '../use-undoable-edit';
import { EditOutcomeNotice } from './EditOutcomeNotice';
import { SaveError } from './SaveError';
import './TicketQuickEdit.css';

interface TicketQuickEditProps {
  ticket: Ticket;
  /** Tighter layout for a list row, whose one Tab stop is its title (the arrows reach these). */
  compact?: boolean;
}

/** Status, category and priority, each saved on a deliberate choice, with Undo. */
export function TicketQuickEdit({ ticket, compact = false }: TicketQuickEditProps) {
  const edit = useUndoableEdit(ticket);
  const status = useDeliberateChoice(ticket.status, (value) => edit.save({ changes: { status: value } }));
  const category = useDeliberateChoice(ticket.category, (value) => edit.save({ changes: { category: value } }));
  const priority = useDeliberateChoice(ticket.priority, (value) => edit.save({ changes: { priority: value } }));
  const idPrefix = `ticket-${ticket.id}${compact ? '-row' : ''}`;
  const tabIndex = compact ? -1 : undefined;
  // In a list the visible word is enough for the eye; a screen reader also hears which ticket.
  const label = (field: string) => (
    <>
      {field}
      <span className="visually-hidden"> of ticket #{ticket.id}</span>
    </>
  );

  return (
    <div className={compact ? 'quick-edit quick-edit--compact' : 'quick-edit'}>
      <EnumSelect
        id={`${idPrefix}-status`}
        label={label('Status')}
        values={STATUSES}
        labels={STATUS_LABELS}
        value={status.value}
        onChange={(value) => value && status.onChange(value)}
        selectProps={{ ...status.selectProps, tabIndex }}
      />
      <EnumSelect
        id={`${idPrefix}-category`}
        label={label('Category')}
        values={CATEGORIES}
        labels={CATEGORY_LABELS}
        value={category.value}
        onChange={(value) => value && category.onChange(value)}
        selectProps={{ ...category.selectProps, tabIndex }}
      />
      <EnumSelect
        id={`${idPrefix}-priority`}
        label={label('Priority')}
        values={PRIORITIES}
        labels={PRIORITY_LABELS}
        value={priority.value}
        onChange={(value) => value && priority.onChange(value)}
        selectProps={{ ...priority.selectProps, tabIndex }}
      />
      <SaveError error={edit.error} />
      <EditOutcomeNotice outcome={edit.outcome} onUndo={edit.undo} describe={`ticket #${ticket.id}`} tabIndex={tabIndex} />
    </div>
  );
}
