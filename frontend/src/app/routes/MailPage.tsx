import { MailStatusOverview } from '../../features/mail/components/MailStatusOverview';
import { useDocumentTitle } from '../../lib/use-document-title';

export function MailPage() {
  useDocumentTitle('Mail');
  return (
    <section aria-labelledby="mail-heading">
      <h1 id="mail-heading" className="page-title">
        Mail
      </h1>
      <MailStatusOverview />
    </section>
  );
}
