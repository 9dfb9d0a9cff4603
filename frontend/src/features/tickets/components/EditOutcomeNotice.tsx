import type { EditOutcome } from '../use-undoable-edit';

interface EditOutcomeNoticeProps {
  outcome: EditOutcome;
  onUndo: () => void;
  /** What Undo undoes, for screen readers ("the status of ticket #5"). */
  describe: string;
  /** In a list row, reached with the arrow keys rather than Tab. */
  tabIndex?: number;
}

/** "Updated · Undo" after a saved change; "Change undone." after Undo. */
export function EditOutcomeNotice({ outcome, onUndo, describe, tabIndex }: EditOutcomeNoticeProps) {
  return (
    <p role="status" className="edit-outcome">
      {outcome === 'updated' && (
        <>
          Updated ·{' '}
          <button type="button" className="button--link" onClick={onUndo} tabIndex={tabIndex}>
            Undo<span className="visually-hidden"> the change of {describe}</span>
          </button>
        </>
      )}
      {outcome === 'undone' && 'Change undone.'}
    </p>
  );
}
