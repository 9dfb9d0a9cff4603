import { useMe } from '../../features/auth/api/get-me';
import { NewTicketForm } from '../../features/tickets/components/NewTicketForm';
import { useDocumentTitle } from '../../lib/use-document-title';
import './SubmitPage.css';

export function SubmitPage() {
  useDocumentTitle('Contact support');
  const { data: user } = useMe();
  return (
    <div className="submit-page">
      <h1 className="page-title">Contact support</h1>
      <p className="muted">
        Tell us what went wrong. No account needed: once you submit, you get a private link to follow your ticket and
        reply.
      </p>
      <NewTicketForm linkToTicket={Boolean(user)} />
    </div>
  );
}
