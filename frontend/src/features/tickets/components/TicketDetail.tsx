import type { ReactNode } from 'react';
import { ApiError } from '../../../lib/api-client';
import { formatExactTime } from '../../../lib/format';
import { CATEGORY_LABELS, PRIORITY_LABELS, SOURCE_LABELS } from '../../../lib/labels';
import { useTicket } from '../api/get-ticket';
import type { Ticket } from '../types';
import { AssigneePicker } from './AssigneePicker';
import { Conversation } from './Conversation';
import type { MessageControls } from './ReplyBox';
import { HistoryTimeline } from './HistoryTimeline';
import { PriorityBadge } from './PriorityBadge';
import { RelativeTime } from '../../../components/RelativeTime';
import { TicketEditForm } from './TicketEditForm';
import { TicketQuickEdit } from './TicketQuickEdit';
import { WaitingMark } from './WaitingMark';
import './ticket-meta.css';
import './TicketDetail.css';
import { mailtoHref } from '../../../lib/urls';

/** Tools the app puts beside the reply box's message, for this ticket (the canned-reply picker). */
export type TicketReplyTools = (ticket: Ticket, controls: MessageControls) => ReactNode;

export function TicketDetail({ ticketId, replyTools }: { ticketId: number; replyTools?: TicketReplyTools }) {
  const { data: ticket, error, isPending, refetch } = useTicket(ticketId);

  if (isPending) return <p role="status">Loading ticket #{ticketId}…</p>;
  if (error) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <div className="alert alert--error" role="alert">
        <p>{missing ? `There is no ticket #${ticketId}.` : `Could not load ticket #${ticketId}: ${error.message}`}</p>
        {!missing && (
          <button type="button" className="button" onClick={() => void refetch()}>
            Try again
          </button>
        )}
      </div>
    );
  }

  return (
    <div className="ticket-detail">
      <div className="ticket-detail__main">
        <article className="card" aria-labelledby="ticket-title">
          <p className="ticket-detail__id">Ticket #{ticket.id}</p>
          <h1 id="ticket-title" className="page-title ticket-text">
            {ticket.title}
          </h1>
          <p className="ticket-meta">
            <WaitingMark waitingOn={ticket.waiting_on} />
            <PriorityBadge priority={ticket.priority} />
            <span className="badge">{CATEGORY_LABELS[ticket.category]}</span>
            <span>Created {formatExactTime(ticket.created_at)}</span>
            <span>
              Updated <RelativeTime iso={ticket.updated_at} />
            </span>
          </p>
          <Requester ticket={ticket} />
          <p className="ticket-detail__description ticket-text">{ticket.description}</p>
          <ClassifierNote ticket={ticket} />
          <h2>Triage</h2>
          <TicketQuickEdit ticket={ticket} />
          <AssigneePicker ticket={ticket} />
        </article>
        <Conversation ticketId={ticket.id} replyTools={replyTools && ((controls) => replyTools(ticket, controls))} />
      </div>
      <div className="ticket-detail__side">
        <HistoryTimeline ticketId={ticket.id} assignee={ticket.assignee} />
        <TicketEditForm key={ticket.id} ticket={ticket} />
      </div>
    </div>
  );
}

function Requester({ ticket }: { ticket: Ticket }) {
  const { requester_name: name, requester_email: email } = ticket;
  if (!name && !email) return null;
  return (
    <p className="ticket-detail__requester">
      From <span className="ticket-text">{name ?? 'the customer'}</span>
      {email && (
        <>
          {' '}
          (<a href={mailtoHref(email)} className="ticket-text">{email}</a>)
        </>
      )}
    </p>
  );
}

function ClassifierNote({ ticket }: { ticket: Ticket }) {
  const { suggested_category: category, suggested_priority: priority, classification_source: source } = ticket;
  if (!category || !priority || !source) return <p className="muted">No classifier suggestion was recorded.</p>;
  return (
    <p className="muted">
      Suggested by {SOURCE_LABELS[source]}: {CATEGORY_LABELS[category]}, {PRIORITY_LABELS[priority]} priority.
    </p>
  );
}
