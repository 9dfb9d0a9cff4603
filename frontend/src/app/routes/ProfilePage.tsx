import { ProfileForms } from '../../features/auth/components/ProfileForms';
import type { User } from '../../features/auth/types';
import { useDocumentTitle } from '../../lib/use-document-title';

export function ProfilePage({ user }: { user: User }) {
  useDocumentTitle('Your profile');
  return (
    <section aria-labelledby="profile-heading" className="narrow-page">
      <h1 id="profile-heading" className="page-title">
        Your profile
      </h1>
      <ProfileForms user={user} />
    </section>
  );
}
