import type { ReactNode } from 'react';

interface FormActionsProps {
  submitLabel: ReactNode;
  /** While the form's request is on its way: the button waits, so a second click sends nothing twice. */
  busy: boolean;
  /**
   * The outcome, read out when it changes ("Saved."). Pass it (even empty) where the form says
   * its outcome beside the button, so the live region is there before the text arrives.
   */
  status?: ReactNode;
  /** Further actions after the button (cancel, a way back). */
  children?: ReactNode;
}

/** A form's row of actions: its submit button first, then what it says or offers beside it. */
export function FormActions({ submitLabel, busy, status, children }: FormActionsProps) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button--primary" disabled={busy}>
        {submitLabel}
      </button>
      {status !== undefined && (
        <p role="status" className="form-actions__status">
          {status}
        </p>
      )}
      {children}
    </div>
  );
}
