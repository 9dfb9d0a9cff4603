import type { WaitingOn } from '../types';
import './WaitingMark.css';

/** Whose move it is, in words with a glyph (never colour alone); nothing once the ticket is resolved or closed. */
export function WaitingMark({ waitingOn }: { waitingOn: WaitingOn | null }) {
  if (waitingOn === 'us') {
    return (
      <span className="waiting-mark waiting-mark--us">
        <span aria-hidden="true">◷ </span>Waiting on us
      </span>
    );
  }
  if (waitingOn === 'customer') return <span className="waiting-mark">Waiting on the customer</span>;
  return null;
}
