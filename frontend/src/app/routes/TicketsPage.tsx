import { Link } from 'wouter';
import { useStats } from '../../features/stats/api/get-stats';
import { FilterPanel } from '../../features/tickets/components/FilterPanel';
import { QueueTabs } from '../../features/tickets/components/QueueTabs';
import { SearchBox } from '../../features/tickets/components/SearchBox';
import { TicketList } from '../../features/tickets/components/TicketList';
import { QUEUE_VIEW_DEFINITIONS } from '../../features/tickets/queue-views';
import { hrefForList, NO_FILTERS, useTicketListParams } from '../../features/tickets/use-ticket-list-params';
import { useDocumentTitle } from '../../lib/use-document-title';
import './TicketsPage.css';

/** The agent's home: the queue, landing on what waits on the team. */
export function TicketsPage() {
  const { params, updateParams } = useTicketListParams();
  const viewLabel = QUEUE_VIEW_DEFINITIONS[params.view].label;
  useDocumentTitle(`${viewLabel} · Tickets`);
  // The counts the figures already hold; "Mine" has none (it would cost a count of its own).
  const { data: stats } = useStats();
  const counts = { waiting: stats?.waiting_on_us, unassigned: stats?.unassigned_open, all: stats?.total_tickets };
  const clearFilters = () => updateParams(NO_FILTERS);
  return (
    <div className="tickets-page">
      <h1 className="visually-hidden">Ticket queue</h1>
      <div className="tickets-page__bar">
        <QueueTabs params={params} counts={counts} />
        <Link href="/tickets/new" state={{ queue: hrefForList(params) }} className="button button--primary">
          <span aria-hidden="true">+</span> New ticket
        </Link>
      </div>
      <section className="card tickets-page__list" aria-labelledby="tickets-heading">
        <h2 id="tickets-heading" className="visually-hidden">
          {viewLabel}
        </h2>
        <div className="tickets-page__toolbar" role="search" aria-label="Search and filter tickets">
          <SearchBox value={params.search} onSearch={(search) => updateParams({ search })} />
          <FilterPanel params={params} onChange={updateParams} onClear={clearFilters} />
        </div>
        <TicketList params={params} onClearFilters={clearFilters} />
      </section>
    </div>
  );
}
