import { EditConflictError } from '../api/update-ticket';
import { changesBetween, type FieldChange } from '../ticket-changes';
import './SaveError.css';

/** Why a change did not stick; after a conflict, also what the other person changed. */
export function SaveError({ error }: { error: Error | null }) {
  if (!error) return null;
  if (!(error instanceof EditConflictError)) {
    return (
      <div className="alert alert--error" role="alert">
        <p>Your change was not saved: {error.message}</p>
      </div>
    );
  }
  const changes = changesBetween(error.seen, error.current);
  return (
    <div className="alert alert--error" role="alert">
      <p>{error.message}</p>
      {changes.length > 0 ? (
        <>
          <p>What changed since you saw it:</p>
          <ul className="conflict-changes">
            {changes.map((change) => (
              <li key={change.field} className="ticket-text">
                {change.field}: <ChangedValue change={change} value={change.from} /> → <ChangedValue change={change} value={change.to} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>The page now shows its current version.</p>
      )}
    </div>
  );
}

function ChangedValue({ change, value }: { change: FieldChange; value: string }) {
  return <strong>{change.quoted ? `“${value}”` : value}</strong>;
}
