import { Link } from 'wouter';
import { NewTicketForm } from '../../features/tickets/components/NewTicketForm';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useQueueHref } from '../use-queue-href';

/** An agent files a ticket for a customer (a call, a chat): the form the queue's "New ticket" opens. */
export function NewTicketPage() {
  useDocumentTitle('New ticket');
  return (
    <div className="narrow-page">
      <Link href={useQueueHref()} className="back-link">
        ← Back to the queue
      </Link>
      <h1 className="page-title">New ticket</h1>
      <NewTicketForm audience="agent" linkToTicket />
    </div>
  );
}
