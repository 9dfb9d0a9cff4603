import type { TicketComment } from '../types';
import { RelativeTime } from '../../../components/RelativeTime';
import './CommentList.css';

interface CommentListProps {
  comments: TicketComment[];
  /** Agents see internal notes and who wrote what; a customer sees "You" for their own messages. */
  viewer: 'agent' | 'customer';
}

function authorName(comment: TicketComment, viewer: CommentListProps['viewer']): string {
  if (comment.author.kind === 'agent') return viewer === 'customer' ? `${comment.author.name} (support)` : comment.author.name;
  if (viewer === 'customer') return 'You';
  return comment.author.name ? `${comment.author.name} (customer)` : 'Customer';
}

/** The conversation, oldest first. Internal notes differ in colour and say so in words. */
export function CommentList({ comments, viewer }: CommentListProps) {
  if (comments.length === 0) return <p className="muted">No messages yet.</p>;
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li
          key={comment.id}
          className={`comment comment--${comment.author.kind}${comment.internal ? ' comment--internal' : ''}`}
          aria-label={`${comment.internal ? 'Internal note' : 'Message'} from ${authorName(comment, viewer)}`}
        >
          <p className="comment__meta">
            <strong>{authorName(comment, viewer)}</strong>
            {comment.internal && (
              <span className="comment__label">
                <span aria-hidden="true">🔒 </span>Internal note
              </span>
            )}
            <RelativeTime iso={comment.created_at} />
          </p>
          <p className="comment__body ticket-text">{comment.body}</p>
        </li>
      ))}
    </ol>
  );
}
