import { useReplies } from '../api/get-replies';
import type { ReplyViewer } from '../types';
import { ReplyCard } from './ReplyCard';
import './ReplyList.css';
import { RetryAlert } from '../../../components/RetryAlert';

/** The replies the viewer can insert: the team's shared ones and their own, most used first. */
export function ReplyList({ viewer }: { viewer: ReplyViewer }) {
  const { data: replies, error, isPending, refetch } = useReplies();

  return (
    <section className="card" aria-labelledby="reply-list-heading">
      <h2 id="reply-list-heading">Your replies and the team's</h2>
      {isPending && <p role="status">Loading saved replies…</p>}
      {error && <RetryAlert message={`Could not load the saved replies: ${error.message}`} onRetry={() => void refetch()} />}
      {replies && replies.length === 0 && <p className="muted">No saved replies yet: write the first one above.</p>}
      {replies && replies.length > 0 && (
        <ul className="reply-cards" aria-label="Saved replies">
          {replies.map((reply) => (
            <ReplyCard key={reply.id} reply={reply} viewer={viewer} />
          ))}
        </ul>
      )}
    </section>
  );
}
