import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useMe } from '../features/auth/api/get-me';
import { UserMenu } from '../features/auth/components/UserMenu';
import { useSessionEndedRedirect } from '../features/auth/use-session-ended-redirect';
import './Layout.css';

function NavLink({ href, active, children }: { href: string; active: boolean; children: ReactNode }) {
  return (
    <Link href={href} className="nav__link" aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** What the header offers depends on who is here: agents' pages, an admin's accounts, or "Sign in". */
function SiteNav({ location }: { location: string }) {
  const { data: user } = useMe();
  if (user === undefined) return null;
  if (user === null) {
    return location === '/sign-in' ? null : (
      <Link href="/sign-in" className="site-header__sign-in">
        Sign in
      </Link>
    );
  }
  return (
    <>
      <nav aria-label="Main" className="nav">
        <NavLink href="/" active={location === '/' || location.startsWith('/tickets/')}>
          Tickets
        </NavLink>
        <NavLink href="/dashboard" active={location.startsWith('/dashboard')}>
          Dashboard
        </NavLink>
        <NavLink href="/replies" active={location.startsWith('/replies')}>
          Replies
        </NavLink>
        <NavLink href="/tokens" active={location.startsWith('/tokens')}>
          Tokens
        </NavLink>
        {user.role === 'admin' && (
          <>
            <NavLink href="/accounts" active={location.startsWith('/accounts')}>
              Accounts
            </NavLink>
            <NavLink href="/mail" active={location.startsWith('/mail')}>
              Mail
            </NavLink>
          </>
        )}
      </nav>
      <UserMenu user={user} />
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownLocation = useRef(location);
  useSessionEndedRedirect();

  // After moving to another page (not a filter change, which keeps the path), start reading
  // from the new content, as a full page load would.
  useEffect(() => {
    if (shownLocation.current === location) return;
    shownLocation.current = location;
    mainRef.current?.focus();
  }, [location]);

  // A customer's private page shows nothing of the agents' app.
  const isCustomerPage = location.startsWith('/follow/');
  return (
    <>
      {/* The focus moves by hand, not by following #main: on the follow page the fragment is
          the customer's key, and replacing it would lose the ticket (and the key in the address). */}
      <a
        href="#main"
        className="skip-link"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="site-header__brand">
          ticketsvc
        </Link>
        {!isCustomerPage && <SiteNav location={location} />}
      </header>
      <main id="main" ref={mainRef} className="site-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
