import { Link } from 'wouter';
import type { User } from '../../features/auth/types';
import { ReplyPicker } from '../../features/replies/components/ReplyPicker';
import { TicketDetail } from '../../features/tickets/components/TicketDetail';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useQueueHref } from '../use-queue-href';

export function TicketPage({ id, user }: { id: string; user: User }) {
  useDocumentTitle(`Ticket #${id}`);
  return (
    <>
      <Link href={useQueueHref()} className="back-link">
        ← Back to the queue
      </Link>
      <TicketDetail
        ticketId={Number(id)}
        replyTools={(ticket, message) => (
          <ReplyPicker ticket={ticket} agentName={user.name} onChoose={message.insert} onDismiss={message.focus} />
        )}
      />
    </>
  );
}
