import { NewTicketForm } from '../../features/tickets/components/NewTicketForm';
import { TicketFilters } from '../../features/tickets/components/TicketFilters';
import { TicketList } from '../../features/tickets/components/TicketList';
import { NO_FILTERS, useTicketListParams } from '../../features/tickets/use-ticket-list-params';
import { useDocumentTitle } from '../../lib/use-document-title';
import './TicketsPage.css';

export function TicketsPage() {
  useDocumentTitle('Tickets');
  const { params, updateParams } = useTicketListParams();
  const clearFilters = () => updateParams(NO_FILTERS);
  return (
    <div className="tickets-page">
      <h1 className="visually-hidden">Support tickets</h1>
      <NewTicketForm />
      <section className="card tickets-page__list" aria-labelledby="tickets-heading">
        <h2 id="tickets-heading">All tickets</h2>
        <TicketFilters params={params} onChange={updateParams} onClear={clearFilters} />
        <TicketList params={params} onClearFilters={clearFilters} />
      </section>
    </div>
  );
}
