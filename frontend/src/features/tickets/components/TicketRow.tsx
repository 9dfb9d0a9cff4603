import { Link } from 'wouter';
import { moveFocusWithArrows } from '../../../lib/arrow-focus';
import { CATEGORY_LABELS } from '../../../lib/labels';
import { lastActivityOf, requesterOf } from '../last-activity';
import type { Ticket } from '../types';
import { PriorityBadge } from './PriorityBadge';
import { RelativeTime } from '../../../components/RelativeTime';
import { TicketQuickEdit } from './TicketQuickEdit';
import { WaitingMark } from './WaitingMark';
import './ticket-meta.css';
import './TicketRow.css';
import { path } from '../../../lib/urls';

interface TicketRowProps {
  ticket: Ticket;
  /** The list's address: the ticket's page leads back to this very view, filters and page included. */
  queueHref: string;
  /** The row stays while the person works in the list, but the ticket is no longer in it. */
  hasLeft?: boolean;
  /** Picked for a bulk change. */
  selected: boolean;
  onSelectedChange: (selected: boolean) => void;
}

/** One ticket of the queue: two Tab stops (its checkbox, its title); ← → reach its quick edits. */
export function TicketRow({ ticket, queueHref, hasLeft = false, selected, onSelectedChange }: TicketRowProps) {
  const requester = requesterOf(ticket);
  const checkboxId = `ticket-${ticket.id}-selected`;
  return (
    <li
      className={`ticket-row ticket-row--${ticket.status}${hasLeft ? ' ticket-row--left' : ''}${selected ? ' ticket-row--selected' : ''}`}
      onKeyDown={moveFocusWithArrows}
    >
      <div className="ticket-row__select">
        <input id={checkboxId} type="checkbox" checked={selected} onChange={(event) => onSelectedChange(event.target.checked)} />
        <label htmlFor={checkboxId} className="visually-hidden">
          Select ticket #{ticket.id}: {ticket.title}
        </label>
      </div>
      <div className="ticket-row__summary">
        <div className="ticket-row__headline">
          <h3 className="ticket-row__title">
            <Link href={path`/tickets/${ticket.id}`} state={{ queue: queueHref }} className="ticket-text">
              {ticket.title}
            </Link>
          </h3>
          <p className="ticket-row__description ticket-text">{ticket.description}</p>
        </div>
        <p className="ticket-meta">
          {hasLeft && <span className="ticket-row__left">No longer in this view</span>}
          <WaitingMark waitingOn={ticket.waiting_on} />
          {requester && <span className="ticket-row__requester ticket-text">{requester}</span>}
          <span className="ticket-row__activity">
            {lastActivityOf(ticket)} · <RelativeTime iso={ticket.last_activity_at} />
          </span>
          <span className={ticket.assignee ? 'ticket-row__assignee' : 'ticket-row__assignee ticket-row__assignee--none'}>
            {ticket.assignee ? `Assigned to ${ticket.assignee.name}` : 'Unassigned'}
          </span>
          <PriorityBadge priority={ticket.priority} />
          <span className="badge">{CATEGORY_LABELS[ticket.category]}</span>
          <span>#{ticket.id}</span>
        </p>
      </div>
      <TicketQuickEdit ticket={ticket} compact />
    </li>
  );
}
