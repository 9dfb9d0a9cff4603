import { CopyField } from '../../../components/CopyField';
import './PrivateLink.css';
import { path } from '../../../lib/urls';

/** The customer's private link: the key rides in the fragment, which never reaches a server log. */
export function followUrl(ticketId: number, accessKey: string): string {
  return `${window.location.origin}${path`/follow/${ticketId}`}#${encodeURIComponent(accessKey)}`;
}

export function PrivateLink({ ticketId, accessKey }: { ticketId: number; accessKey: string }) {
  return (
    <section className="card private-link" aria-labelledby="private-link-heading">
      <h2 id="private-link-heading">Keep this link</h2>
      <p>
        This private link is the only way to follow ticket #{ticketId} and reply to us. It is shown only now: copy it
        and keep it somewhere safe, and share it with no one.
      </p>
      <CopyField id={`private-link-${ticketId}`} label="Private link" value={followUrl(ticketId, accessKey)} buttonLabel="Copy link" />
    </section>
  );
}
