import type { ClassificationSource } from '../../../lib/enums';
import { SOURCE_LABELS } from '../../../lib/labels';
import './SuggestionNote.css';

interface SuggestionNoteProps<Value extends string> {
  suggested: Value | undefined;
  labels: Record<Value, string>;
  source: ClassificationSource | undefined;
  chosenByHand: boolean;
  /** Agents are told which classifier suggested; a customer is not asked to know what that is. */
  audience: 'customer' | 'agent';
}

/** Under a pre-filled field: who suggested its value, or what they suggested once the user chose. */
export function SuggestionNote<Value extends string>({ suggested, labels, source, chosenByHand, audience }: SuggestionNoteProps<Value>) {
  if (!suggested || !source) return null;
  const bySource = audience === 'agent' ? `by ${SOURCE_LABELS[source]}` : 'from what you wrote';
  if (chosenByHand) {
    return <span className="suggestion-note">Your choice (suggested {bySource}: {labels[suggested]})</span>;
  }
  return (
    <span className="suggestion-note suggestion-note--applied">
      <span aria-hidden="true">✦ </span>Suggested {bySource}
    </span>
  );
}

/** Says, politely, that a suggestion is on its way or could not be had; never blocks the form. */
export function SuggestionStatus({ isSuggesting, failed }: { isSuggesting: boolean; failed: boolean }) {
  return (
    <p className="suggestion-status" role="status">
      {isSuggesting && (
        <>
          <span className="spinner" aria-hidden="true" /> Suggesting a category and priority…
        </>
      )}
      {!isSuggesting && failed && 'No suggestion this time. Choose yourself, or leave it to us.'}
    </p>
  );
}
