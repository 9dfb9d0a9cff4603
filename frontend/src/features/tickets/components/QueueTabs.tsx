import { Link } from 'wouter';
import { formatCount } from '../../../lib/format';
import { QUEUE_VIEW_DEFINITIONS } from '../queue-views';
import { QUEUE_VIEWS, type QueueView, type TicketListParams } from '../types';
import { hrefForList, switchView } from '../use-ticket-list-params';
import './QueueTabs.css';

interface QueueTabsProps {
  params: TicketListParams;
  /** Tickets in each view, where a figure the server keeps anyway tells it. */
  counts: Partial<Record<QueueView, number>>;
}

/** The queue's views as links (each view is an address: back and forward step between them). */
export function QueueTabs({ params, counts }: QueueTabsProps) {
  return (
    <nav className="queue-tabs" aria-label="Queue views">
      <ul className="queue-tabs__list">
        {QUEUE_VIEWS.map((view) => (
          <li key={view}>
            <Link
              href={hrefForList(switchView(params, view))}
              className="queue-tabs__tab"
              aria-current={view === params.view ? 'page' : undefined}
              aria-label={counts[view] === undefined ? undefined : `${QUEUE_VIEW_DEFINITIONS[view].label}, ${formatCount(counts[view])} tickets`}
            >
              {QUEUE_VIEW_DEFINITIONS[view].label}
              {counts[view] !== undefined && <span className="queue-tabs__count">{formatCount(counts[view])}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
