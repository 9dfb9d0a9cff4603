import { TitledPage } from '../../components/TitledPage';
import { ProfileForms } from '../../features/auth/components/ProfileForms';
import type { User } from '../../features/auth/types';

export function ProfilePage({ user }: { user: User }) {
  return (
    <TitledPage headingId="profile-heading" title="Your profile" className="narrow-page">
      <ProfileForms user={user} />
    </TitledPage>
  );
}
