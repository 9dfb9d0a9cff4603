import { TitledPage } from '../../components/TitledPage';
import type { User } from '../../features/auth/types';
import { NewReplyForm } from '../../features/replies/components/NewReplyForm';
import { ReplyList } from '../../features/replies/components/ReplyList';

export function RepliesPage({ user }: { user: User }) {
  return (
    <TitledPage headingId="replies-page-heading" title="Saved replies" className="narrow-page">
      <p className="muted">
        Answers you give often. On a ticket, “Insert reply” puts one in your message, ready to edit before you send it.
      </p>
      <NewReplyForm />
      <ReplyList viewer={user} />
    </TitledPage>
  );
}
