import { Field } from '../../../components/Field';
import { useDeliberateChoice } from '../../../lib/use-deliberate-choice';
import { useAssignees } from '../api/get-assignees';
import type { Assignee, Ticket, UserRef } from '../types';
import { useUndoableEdit } from '../use-undoable-edit';
import { EditOutcomeNotice } from './EditOutcomeNotice';
import { SaveError } from './SaveError';

/** The team, plus the current holder if they are no longer on it (a deactivated agent). */
function optionsFor(team: Assignee[] | undefined, current: UserRef | null): UserRef[] {
  const options: UserRef[] = team ?? [];
  if (current && !options.some((person) => person.id === current.id)) return [current, ...options];
  return options;
}

/** Who holds the ticket; saved on a deliberate choice, with If-Match like every edit, and Undo. */
export function AssigneePicker({ ticket }: { ticket: Ticket }) {
  const team = useAssignees();
  const edit = useUndoableEdit(ticket);
  const options = optionsFor(team.data, ticket.assignee);
  const choice = useDeliberateChoice(String(ticket.assignee?.id ?? ''), (value) => {
    const person = options.find((candidate) => String(candidate.id) === value) ?? null;
    edit.save({
      changes: { assignee_id: person ? person.id : null },
      preview: { assignee: person ? { id: person.id, name: person.name } : null },
    });
  });

  const hint = team.isPending ? 'Loading the team…' : team.error ? `Could not load the team: ${team.error.message}` : undefined;
  return (
    <div className="assignee-picker">
      <Field id={`ticket-${ticket.id}-assignee`} label="Assignee" hint={hint}>
        {(controlProps) => (
          <select {...controlProps} {...choice.selectProps} className="select" value={choice.value} onChange={(event) => choice.onChange(event.target.value)}>
            <option value="">Unassigned</option>
            {options.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SaveError error={edit.error} />
      <EditOutcomeNotice outcome={edit.outcome} onUndo={edit.undo} describe={`the assignee of ticket #${ticket.id}`} />
    </div>
  );
}
