import { Redirect, useSearchParams } from 'wouter';
import { useHistoryState } from 'wouter/use-browser-location';
import { useMe } from '../../features/auth/api/get-me';
import { SignInForm } from '../../features/auth/components/SignInForm';
import { safeNextPath } from '../../features/auth/next-path';
import type { SignInPageState } from '../../features/auth/use-session-ended-redirect';
import { useDocumentTitle } from '../../lib/use-document-title';

/** Sign in, then go back to the page that asked (`?next=`), if it is a page of this site. */
export function SignInPage() {
  useDocumentTitle('Sign in');
  const { data: user, isPending } = useMe();
  const [searchParams] = useSearchParams();
  const state = useHistoryState<SignInPageState | null>();
  if (isPending) return <p role="status">Loading…</p>;
  if (user) return <Redirect to={safeNextPath(searchParams.get('next'))} replace />;
  return (
    <div className="single-form-page">
      <SignInForm sessionEnded={state?.sessionEnded === true} />
    </div>
  );
}
