import { Link } from 'wouter';
import { TicketDetail } from '../../features/tickets/components/TicketDetail';
import { useDocumentTitle } from '../../lib/use-document-title';

export function TicketPage({ id }: { id: string }) {
  useDocumentTitle(`Ticket #${id}`);
  return (
    <>
      <Link href="/" className="back-link">
        ← All tickets
      </Link>
      <TicketDetail ticketId={Number(id)} />
    </>
  );
}
