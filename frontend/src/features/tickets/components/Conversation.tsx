import { useState } from 'react';
import { RetryAlert } from '../../../components/RetryAlert';
import { useComments } from '../api/get-comments';
import type { TicketComment } from '../types';
import { CommentList } from './CommentList';
import { ReplyBox, type MessageTools } from './ReplyBox';

/**
 * Words for assistive technology when a customer's message arrives while the page is open
 * (the page fetches the conversation again when the ticket changes elsewhere): a sighted
 * person sees it appear.
 */
function useArrivalNotice(comments: TicketComment[] | undefined): string {
  const [shownCount, setShownCount] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  if (comments && comments.length !== shownCount) {
    setShownCount(comments.length);
    const arrived = shownCount === null ? [] : comments.slice(shownCount).filter((comment) => comment.author.kind === 'customer');
    const last = arrived.at(-1);
    if (last?.author.kind === 'customer') setNotice(`New message from ${last.author.name ?? 'the customer'}.`);
  }
  return notice;
}

/** The agents' view of the conversation: every message and note, and the reply box (with its tools). */
export function Conversation({ ticketId, replyTools }: { ticketId: number; replyTools?: MessageTools }) {
  const comments = useComments(ticketId);
  const arrivalNotice = useArrivalNotice(comments.data?.results);
  return (
    <section className="card" aria-labelledby="conversation-heading">
      <h2 id="conversation-heading">Conversation</h2>
      {comments.isPending && <p role="status">Loading the conversation…</p>}
      {comments.error && <RetryAlert message={`Could not load the conversation: ${comments.error.message}`} onRetry={() => void comments.refetch()} />}
      {comments.data && <CommentList comments={comments.data.results} viewer="agent" />}
      {comments.data?.next && <p className="muted">Showing the first {comments.data.results.length} messages.</p>}
      <p role="status" className="visually-hidden">
        {arrivalNotice}
      </p>
      <ReplyBox ticketId={ticketId} tools={replyTools} />
    </section>
  );
}
