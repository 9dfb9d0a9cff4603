import { FollowTicket } from '../../features/tickets/components/FollowTicket';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useLocationHash } from '../../lib/use-location-hash';

/** /follow/<id>#<access key>: the key stays in the fragment, which browsers never send to a server. */
export function FollowPage({ id }: { id: string }) {
  useDocumentTitle(`Your ticket #${id}`);
  const accessKey = useLocationHash();
  return <FollowTicket ticketId={Number(id)} accessKey={accessKey} />;
}
