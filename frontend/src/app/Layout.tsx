import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useMe } from '../features/auth/api/get-me';
import { UserMenu } from '../features/auth/components/UserMenu';
import { useSessionEndedRedirect } from '../features/auth/use-session-ended-redirect';
import './Layout.css';

interface NavSection {
  href: string;
  label: string;
  /** Whether `location` is one of this section's pages; by default those under its href. */
  covers?: (location: string) => boolean;
}

// Tickets lives at "/", which every address starts with: it is current on the queue and on a ticket's page only.
const AGENT_SECTIONS: NavSection[] = [
  { href: '/', label: 'Tickets', covers: (location) => location === '/' || location.startsWith('/tickets/') },
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/replies', label: 'Replies' },
  { href: '/tokens', label: 'Tokens' },
];
const ADMIN_SECTIONS: NavSection[] = [
  { href: '/accounts', label: 'Accounts' },
  { href: '/mail', label: 'Mail' },
];

function NavLink({ section, location }: { section: NavSection; location: string }) {
  const active = section.covers ? section.covers(location) : location.startsWith(section.href);
  return (
    <Link href={section.href} className="nav__link" aria-current={active ? 'page' : undefined}>
      {section.label}
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
        {(user.role === 'admin' ? [...AGENT_SECTIONS, ...ADMIN_SECTIONS] : AGENT_SECTIONS).map((section) => (
          <NavLink key={section.href} section={section} location={location} />
        ))}
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
