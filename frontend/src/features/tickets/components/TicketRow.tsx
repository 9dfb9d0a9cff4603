import { Link } from 'wouter';
import { moveFocusWithArrows } from '../../../lib/arrow-focus';
import { CATEGORY_LABELS } from '../../../lib/labels';
import type { Ticket } from '../types';
import { PriorityBadge } from './PriorityBadge';
import { RelativeTime } from '../../../components/RelativeTime';
import { TicketQuickEdit } from './TicketQuickEdit';
import './ticket-meta.css';
import './TicketRow.css';
import { path } from '../../../lib/urls';

/** One ticket of the list: one Tab stop (its title); ← → reach its quick edits. */
export function TicketRow({ ticket }: { ticket: Ticket }) {
  return (
    <li className={`ticket-row ticket-row--${ticket.status}`} onKeyDown={moveFocusWithArrows}>
      <div className="ticket-row__summary">
        <h3 className="ticket-row__title">
          <Link href={path`/tickets/${ticket.id}`} className="ticket-text">
            {ticket.title}
          </Link>
        </h3>
        <p className="ticket-row__description ticket-text">{ticket.description}</p>
        <p className="ticket-meta">
          <PriorityBadge priority={ticket.priority} />
          <span className="badge">{CATEGORY_LABELS[ticket.category]}</span>
          <span>#{ticket.id}</span>
          <span className={ticket.assignee ? 'ticket-row__assignee' : 'ticket-row__assignee ticket-row__assignee--none'}>
            {ticket.assignee ? `Assigned to ${ticket.assignee.name}` : 'Unassigned'}
          </span>
          <span>
            Created <RelativeTime iso={ticket.created_at} />
          </span>
        </p>
      </div>
      <TicketQuickEdit ticket={ticket} compact />
    </li>
  );
}
