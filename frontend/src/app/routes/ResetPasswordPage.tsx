import { ResetPasswordForm } from '../../features/auth/components/ResetPasswordForm';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useFragmentTakenOnce } from '../../lib/use-fragment-taken-once';

/** /reset#<token>, the link of a password-reset mail: the token rides in the fragment, which browsers never send to a server. */
export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const token = useFragmentTakenOnce();
  return (
    <div className="single-form-page">
      <ResetPasswordForm token={token} />
    </div>
  );
}
