import { ForgotPasswordForm } from '../../features/auth/components/ForgotPasswordForm';
import { useDocumentTitle } from '../../lib/use-document-title';

export function ForgotPasswordPage() {
  useDocumentTitle('Forgot password');
  return (
    <div className="single-form-page">
      <ForgotPasswordForm />
    </div>
  );
}
