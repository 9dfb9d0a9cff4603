import { RelativeTime } from '../../../components/RelativeTime';
import type { CommentMail, MailDeliveryStatus } from '../types';
import './MailDelivery.css';

// A glyph beside the words, never instead of them.
const GLYPHS: Record<MailDeliveryStatus, string> = { queued: '⏳', sent: '✓', failed: '⚠' };

function describeDelivery({ status, error }: CommentMail): string {
  if (status === 'queued') return 'Queued';
  if (status === 'sent') return 'Sent';
  return error ? `Failed: ${error}` : 'Failed';
}

/** Where an agent's mailed reply stands: queued, sent, or failed with the mail server's reason. */
export function MailDelivery({ mail }: { mail: CommentMail }) {
  return (
    <p className={`mail-delivery mail-delivery--${mail.status}`}>
      <span className="mail-delivery__to">Email to {mail.to.join(', ')}:</span>{' '}
      <span className="mail-delivery__status">
        <span aria-hidden="true">{GLYPHS[mail.status]} </span>
        {describeDelivery(mail)}
      </span>
      {mail.status !== 'queued' && (
        <span className="mail-delivery__time">
          {' · '}
          <RelativeTime iso={mail.updated_at} />
        </span>
      )}
    </p>
  );
}
