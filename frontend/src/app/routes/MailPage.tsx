import { TitledPage } from '../../components/TitledPage';
import { MailStatusOverview } from '../../features/mail/components/MailStatusOverview';

export function MailPage() {
  return (
    <TitledPage headingId="mail-heading" title="Mail">
      <MailStatusOverview />
    </TitledPage>
  );
}
