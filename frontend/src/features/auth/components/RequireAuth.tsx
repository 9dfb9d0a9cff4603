import type { ReactNode } from 'react';
import { Redirect, useLocation, useSearchParams } from 'wouter';
import { RetryAlert } from '../../../components/RetryAlert';
import type { Role } from '../../../lib/enums';
import { withQuery } from '../../../lib/urls';
import { useMe } from '../api/get-me';
import { signInHref } from '../next-path';
import type { User } from '../types';

interface RequireAuthProps {
  /** Only admins may see this page; agents are told so. */
  role?: Extract<Role, 'admin'>;
  children: ReactNode | ((user: User) => ReactNode);
}

/** Shows its page to a signed-in agent (or admin); an anonymous visitor is sent to sign in and back. */
export function RequireAuth({ role, children }: RequireAuthProps) {
  const { data: user, error, isPending, refetch } = useMe();
  const [location] = useLocation();
  const [searchParams] = useSearchParams();

  if (isPending) return <p role="status">Checking your session…</p>;
  // A failed check again (the profile asks on each visit) keeps the user it already knows.
  if (error && user === undefined) {
    return <RetryAlert message={`Could not check your session: ${error.message}`} onRetry={() => void refetch()} />;
  }
  if (!user) {
    return <Redirect to={signInHref(withQuery(location, searchParams))} replace />;
  }
  if (role === 'admin' && user.role !== 'admin') {
    return (
      <section className="card">
        <h1 className="page-title">Not available</h1>
        <p role="alert">Only admins may see this page.</p>
      </section>
    );
  }
  return <>{typeof children === 'function' ? children(user) : children}</>;
}
