import { Link } from 'wouter';
import { TicketDetail } from '../../features/tickets/components/TicketDetail';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useQueueHref } from '../use-queue-href';

export function TicketPage({ id }: { id: string }) {
  useDocumentTitle(`Ticket #${id}`);
  return (
    <>
      <Link href={useQueueHref()} className="back-link">
        ← Back to the queue
      </Link>
      <TicketDetail ticketId={Number(id)} />
    </>
  );
}
