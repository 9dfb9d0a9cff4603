import { useState } from 'react';

interface ConfirmButtonProps {
  /** The button's text, e.g. "Revoke". */
  label: string;
  /** Said before the user confirms, e.g. "Revoke the token "CI"? Scripts using it stop working at once." */
  question: string;
  /** The confirming button's text, e.g. "Yes, revoke". */
  confirmLabel: string;
  /** Read after the label by screen readers only, e.g. the name of what is revoked. */
  describe?: string;
  onConfirm: () => void;
  disabled?: boolean;
}

/** An action that cannot be undone asks first, in the page (a dialog box would block the tab). */
export function ConfirmButton({ label, question, confirmLabel, describe, onConfirm, disabled }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button" onClick={() => setAsking(true)} disabled={disabled}>
        {label}
        {describe && (
          <>
            {' '}
            <span className="visually-hidden">{describe}</span>
          </>
        )}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm__question">{question}</span>{' '}
      <button
        type="button"
        className="button button--danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" className="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
