import { useComments } from '../api/get-comments';
import { CommentList } from './CommentList';
import { ReplyBox, type MessageTools } from './ReplyBox';

/** The agents' view of the conversation: every message and note, and the reply box (with its tools). */
export function Conversation({ ticketId, replyTools }: { ticketId: number; replyTools?: MessageTools }) {
  const comments = useComments(ticketId);
  return (
    <section className="card" aria-labelledby="conversation-heading">
      <h2 id="conversation-heading">Conversation</h2>
      {comments.isPending && <p role="status">Loading the conversation…</p>}
      {comments.error && (
        <div className="alert alert--error" role="alert">
          <p>Could not load the conversation: {comments.error.message}</p>
          <button type="button" className="button" onClick={() => void comments.refetch()}>
            Try again
          </button>
        </div>
      )}
      {comments.data && <CommentList comments={comments.data.results} viewer="agent" />}
      {comments.data?.next && <p className="muted">Showing the first {comments.data.results.length} messages.</p>}
      <ReplyBox ticketId={ticketId} tools={replyTools} />
    </section>
  );
}
