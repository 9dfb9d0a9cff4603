import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Field } from '../../../components/Field';
import { ApiError } from '../../../lib/api-client';
import { formatExactTime } from '../../../lib/format';
import { STATUS_LABELS } from '../../../lib/labels';
import { useCreateCustomerComment, useCustomerComments, useCustomerTicket } from '../api/follow-ticket';
import type { CustomerTicket } from '../types';
import { validateCommentBody } from '../validation';
import { CommentList } from './CommentList';
import { FormActions } from '../../../components/FormActions';
import { RelativeTime } from '../../../components/RelativeTime';
import { RetryAlert } from '../../../components/RetryAlert';
import './FollowTicket.css';

interface FollowTicketProps {
  ticketId: number;
  /** From the link's fragment; empty when the link lost it. */
  accessKey: string;
}

/** What a customer sees through their private link: their ticket, the public conversation, a reply box. */
export function FollowTicket({ ticketId, accessKey }: FollowTicketProps) {
  const linkLooksRight = Number.isInteger(ticketId) && ticketId > 0 && accessKey !== '';
  const ticket = useCustomerTicket(ticketId, accessKey, linkLooksRight);
  const comments = useCustomerComments(ticketId, accessKey, linkLooksRight && ticket.isSuccess);

  if (!linkLooksRight) return <InvalidLink />;
  if (ticket.isPending) return <p role="status">Loading your ticket…</p>;
  if (ticket.error) {
    // A wrong key (401) and a ticket that does not exist or is not this key's (404) look the same.
    if (ticket.error instanceof ApiError && [401, 404].includes(ticket.error.status)) return <InvalidLink />;
    return <RetryAlert message={`Could not load your ticket: ${ticket.error.message}`} onRetry={() => void ticket.refetch()} />;
  }

  return (
    <div className="follow-ticket">
      <article className="card" aria-labelledby="ticket-title">
        <p className="follow-ticket__id">Your ticket #{ticket.data.id}</p>
        <h1 id="ticket-title" className="page-title ticket-text">
          {ticket.data.title}
        </h1>
        <p className="follow-ticket__meta">
          <span className={`badge follow-ticket__status follow-ticket__status--${ticket.data.status}`}>
            Status: {STATUS_LABELS[ticket.data.status]}
          </span>
          <span>Submitted {formatExactTime(ticket.data.created_at)}</span>
          <span>
            Updated <RelativeTime iso={ticket.data.updated_at} />
          </span>
        </p>
        <p className="follow-ticket__description ticket-text">{ticket.data.description}</p>
      </article>
      <section className="card" aria-labelledby="conversation-heading">
        <h2 id="conversation-heading">Conversation</h2>
        {comments.isPending && <p role="status">Loading the conversation…</p>}
        <ErrorAlert message={comments.error && `Could not load the conversation: ${comments.error.message}`} />
        {comments.data && (
          // Only public messages come to a customer; the filter is a second lock, not the first.
          <CommentList comments={comments.data.results.filter((comment) => !comment.internal)} viewer="customer" />
        )}
        <CustomerReply ticket={ticket.data} accessKey={accessKey} />
      </section>
    </div>
  );
}

function InvalidLink() {
  return (
    <section className="card" aria-labelledby="invalid-link-heading">
      <h1 id="invalid-link-heading" className="page-title">
        This link is not valid
      </h1>
      <p>
        Check that you copied the whole link, including the part after the <code>#</code>. If you lost it, please{' '}
        <Link href="/submit">submit a new ticket</Link>.
      </p>
    </section>
  );
}

function CustomerReply({ ticket, accessKey }: { ticket: CustomerTicket; accessKey: string }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState('');
  const reply = useCreateCustomerComment(ticket.id, accessKey);

  if (ticket.status === 'closed') {
    return (
      <p className="alert follow-ticket__closed" role="status">
        This ticket is closed. Replies are closed; if you need more help, please <Link href="/submit">submit a new ticket</Link>.
      </p>
    );
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice('');
    const clientError = validateCommentBody(body);
    setError(clientError);
    if (clientError) return;
    reply.mutate(body.trim(), {
      onSuccess: () => {
        setBody('');
        setNotice('Reply sent.');
      },
      onError: (failure) => {
        if (failure instanceof ApiError) setError(failure.fieldErrors.body?.[0]);
      },
    });
  }

  return (
    <form className="follow-ticket__reply" noValidate onSubmit={handleSubmit} aria-labelledby="reply-heading">
      <h3 id="reply-heading">Reply</h3>
      {ticket.status === 'resolved' && <p className="muted">We think this is solved. Replying reopens the ticket.</p>}
      <Field id="customer-reply" label="Your reply" error={error}>
        {(controlProps) => (
          <textarea {...controlProps} className="textarea" rows={4} value={body} onChange={(event) => setBody(event.target.value)} />
        )}
      </Field>
      <ErrorAlert message={reply.error && `Not sent: ${reply.error.message}`} />
      <FormActions submitLabel="Send reply" busy={reply.isPending} status={notice} />
    </form>
  );
}
