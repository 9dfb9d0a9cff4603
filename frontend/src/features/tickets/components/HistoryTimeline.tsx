import { useAssignees } from '../api/get-assignees';
import { useHistory } from '../api/get-history';
import { describeHistoryEntry } from '../history-sentences';
import type { UserRef } from '../types';
import { RelativeTime } from '../../../components/RelativeTime';
import { RetryAlert } from '../../../components/RetryAlert';
import './HistoryTimeline.css';

/** Everything that happened to the ticket, oldest first, as sentences. */
export function HistoryTimeline({ ticketId, assignee }: { ticketId: number; assignee: UserRef | null }) {
  const history = useHistory(ticketId);
  const team = useAssignees();
  // Names for assignee ids: the team, and the current holder even if no longer on it.
  const assigneeNames = new Map((team.data ?? []).map((person) => [person.id, person.name]));
  if (assignee) assigneeNames.set(assignee.id, assignee.name);

  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {history.isPending && <p role="status">Loading the history…</p>}
      {history.error && <RetryAlert message={`Could not load the history: ${history.error.message}`} onRetry={() => void history.refetch()} />}
      {history.data && (
        <ol className="timeline">
          {history.data.results.map((entry) => (
            <li key={entry.id} className={`timeline__entry timeline__entry--${entry.action}`}>
              {describeHistoryEntry(entry, assigneeNames)}
              <span className="timeline__time">
                {' · '}
                <RelativeTime iso={entry.at} />
              </span>
            </li>
          ))}
        </ol>
      )}
      {history.data?.next && <p className="muted">Showing the first {history.data.results.length} entries.</p>}
    </section>
  );
}
