import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../../lib/labels';
import { EditConflictError } from '../api/update-ticket';

/** Why a change did not stick; after a conflict, also what the ticket says now. */
export function SaveError({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p>{error instanceof EditConflictError ? error.message : `Your change was not saved: ${error.message}`}</p>
      {error instanceof EditConflictError && (
        <p>
          It now reads: status <strong>{STATUS_LABELS[error.current.status]}</strong>, category{' '}
          <strong>{CATEGORY_LABELS[error.current.category]}</strong>, priority{' '}
          <strong>{PRIORITY_LABELS[error.current.priority]}</strong>.
        </p>
      )}
    </div>
  );
}
