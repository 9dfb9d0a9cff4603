import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import './Layout.css';

function NavLink({ href, active, children }: { href: string; active: boolean; children: ReactNode }) {
  return (
    <Link href={href} className="nav__link" aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const onTickets = location === '/' || location.startsWith('/tickets/');
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="site-header__brand">
          ticketsvc
        </Link>
        <nav aria-label="Main" className="nav">
          <NavLink href="/" active={onTickets}>
            Tickets
          </NavLink>
          <NavLink href="/dashboard" active={location.startsWith('/dashboard')}>
            Dashboard
          </NavLink>
        </nav>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
