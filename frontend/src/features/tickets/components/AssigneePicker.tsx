import { Field } from '../../../components/Field';
import { useAssignees } from '../api/get-assignees';
import { useUpdateTicket } from '../api/update-ticket';
import type { Assignee, Ticket, UserRef } from '../types';
import { SaveError } from './SaveError';

/** The team, plus the current holder if they are no longer on it (a deactivated agent). */
function optionsFor(team: Assignee[] | undefined, current: UserRef | null): UserRef[] {
  const options: UserRef[] = team ?? [];
  if (current && !options.some((person) => person.id === current.id)) return [current, ...options];
  return options;
}

/** Who holds the ticket; saved the moment it changes, with If-Match like every edit. */
export function AssigneePicker({ ticket }: { ticket: Ticket }) {
  const team = useAssignees();
  const update = useUpdateTicket(ticket.id);
  const options = optionsFor(team.data, ticket.assignee);

  function assign(value: string) {
    const person = options.find((candidate) => String(candidate.id) === value) ?? null;
    update.mutate({
      ticket,
      changes: { assignee_id: person ? person.id : null },
      preview: { assignee: person ? { id: person.id, name: person.name } : null },
    });
  }

  const hint = team.isPending ? 'Loading the team…' : team.error ? `Could not load the team: ${team.error.message}` : undefined;
  return (
    <div className="assignee-picker">
      <Field id={`ticket-${ticket.id}-assignee`} label="Assignee" hint={hint}>
        {(controlProps) => (
          <select {...controlProps} className="select" value={ticket.assignee?.id ?? ''} onChange={(event) => assign(event.target.value)}>
            <option value="">Unassigned</option>
            {options.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SaveError error={update.error} />
    </div>
  );
}
