interface RetryAlertProps {
  /** What could not be had, and why ("Could not load the history: …"). */
  message: string;
  onRetry: () => void;
}

/** A load that failed, said at once, with the way to ask again. */
export function RetryAlert({ message, onRetry }: RetryAlertProps) {
  return (
    <div className="alert alert--error" role="alert">
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
