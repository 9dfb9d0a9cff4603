import { Link } from 'wouter';
import { useHistoryState } from 'wouter/use-browser-location';
import { TicketDetail } from '../../features/tickets/components/TicketDetail';
import { useDocumentTitle } from '../../lib/use-document-title';

/** The queue view the ticket was opened from (the list puts it in the history entry), else the landing view. */
function useQueueHref(): string {
  const state = useHistoryState<{ queue?: unknown } | null>();
  const queue = state?.queue;
  return typeof queue === 'string' && (queue === '/' || queue.startsWith('/?')) ? queue : '/';
}

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
