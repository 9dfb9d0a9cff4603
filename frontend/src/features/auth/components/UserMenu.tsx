import { Link, useLocation } from 'wouter';
import { useLogout } from '../api/logout';
import type { User } from '../types';
import './UserMenu.css';

/** The signed-in user's name (their profile) and the way out. */
export function UserMenu({ user }: { user: User }) {
  const logout = useLogout();
  const [, navigate] = useLocation();
  return (
    <div className="user-menu">
      <Link href="/profile" className="user-menu__name">
        {user.name}
      </Link>
      <button type="button" className="button user-menu__sign-out" onClick={() => logout.mutate(undefined, { onSuccess: () => navigate('/sign-in') })} disabled={logout.isPending}>
        Sign out
      </button>
      {logout.error && (
        <p className="user-menu__error" role="alert">
          Could not sign out: {logout.error.message}
        </p>
      )}
    </div>
  );
}
