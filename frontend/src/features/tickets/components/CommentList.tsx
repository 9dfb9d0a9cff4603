import type { TicketComment } from '../types';
import { RelativeTime } from '../../../components/RelativeTime';
import { MailDelivery } from './MailDelivery';
import './CommentList.css';

interface CommentListProps {
  comments: TicketComment[];
  /** Agents see internal notes and who wrote what; a customer sees "You" for their own messages. */
  viewer: 'agent' | 'customer';
}

function authorName(comment: TicketComment, viewer: CommentListProps['viewer']): string {
  const { author } = comment;
  if (author.kind === 'agent') return viewer === 'customer' ? `${author.name} (support)` : author.name;
  if (author.kind === 'system') return author.name.charAt(0).toUpperCase() + author.name.slice(1);
  if (viewer === 'customer') return 'You';
  return author.name ? `${author.name} (customer)` : 'Customer';
}

function kindOf(comment: TicketComment): string {
  if (comment.author.kind === 'system') return 'Automatic note';
  return comment.internal ? 'Internal note' : 'Message';
}

/** It came in by email, or (an agent's reply) went out by email. */
function byEmail(comment: TicketComment): boolean {
  return comment.channel === 'mail' || Boolean(comment.mail);
}

/**
 * The conversation, oldest first. Internal notes differ in colour and say so in words;
 * automatic notes (an out-of-office answer) are muted and labelled "Automatic", so nobody
 * takes them for a person's words. Agents also see which messages came or went by email
 * and how each mailed reply's delivery stands.
 */
export function CommentList({ comments, viewer }: CommentListProps) {
  if (comments.length === 0) return <p className="muted">No messages yet.</p>;
  // Only agents get the mail fields; not showing them to a customer is a second lock.
  const showMail = viewer === 'agent';
  return (
    <ol className="comment-list">
      {comments.map((comment) => {
        const automatic = comment.author.kind === 'system';
        const modifier = automatic ? ' comment--automatic' : comment.internal ? ' comment--internal' : '';
        return (
          <li
            key={comment.id}
            className={`comment comment--${comment.author.kind}${modifier}`}
            aria-label={`${kindOf(comment)} from ${authorName(comment, viewer)}`}
          >
            <p className="comment__meta">
              <strong>{authorName(comment, viewer)}</strong>
              {automatic ? (
                <span className="comment__label comment__label--automatic">
                  <span aria-hidden="true">⚙ </span>Automatic
                </span>
              ) : (
                comment.internal && (
                  <span className="comment__label">
                    <span aria-hidden="true">🔒 </span>Internal note
                  </span>
                )
              )}
              {showMail && byEmail(comment) && (
                <span className="comment__channel">
                  <span aria-hidden="true">✉ </span>by email
                </span>
              )}
              <RelativeTime iso={comment.created_at} />
            </p>
            <p className="comment__body ticket-text">{comment.body}</p>
            {showMail && comment.mail && <MailDelivery mail={comment.mail} />}
          </li>
        );
      })}
    </ol>
  );
}
