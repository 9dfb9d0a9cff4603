import { Redirect, useSearchParams } from 'wouter';
import { useMe } from '../../features/auth/api/get-me';
import { LoginForm } from '../../features/auth/components/LoginForm';
import { safeNextPath } from '../../features/auth/next-path';
import { useDocumentTitle } from '../../lib/use-document-title';
import './LoginPage.css';

/** Sign in, then go back to the page that asked (`?next=`), if it is a page of this site. */
export function LoginPage() {
  useDocumentTitle('Sign in');
  const { data: user, isPending } = useMe();
  const [searchParams] = useSearchParams();
  if (isPending) return <p role="status">Loading…</p>;
  if (user) return <Redirect to={safeNextPath(searchParams.get('next'))} replace />;
  return (
    <div className="login-page">
      <LoginForm />
    </div>
  );
}
