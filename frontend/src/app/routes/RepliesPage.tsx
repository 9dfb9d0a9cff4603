import type { User } from '../../features/auth/types';
import { NewReplyForm } from '../../features/replies/components/NewReplyForm';
import { ReplyList } from '../../features/replies/components/ReplyList';
import { useDocumentTitle } from '../../lib/use-document-title';

export function RepliesPage({ user }: { user: User }) {
  useDocumentTitle('Saved replies');
  return (
    <section aria-labelledby="replies-page-heading" className="narrow-page">
      <h1 id="replies-page-heading" className="page-title">
        Saved replies
      </h1>
      <p className="muted">
        Answers you give often. On a ticket, “Insert reply” puts one in your message, ready to edit before you send it.
      </p>
      <NewReplyForm />
      <ReplyList viewer={user} />
    </section>
  );
}
