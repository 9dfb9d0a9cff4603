import { useEffect, useState } from 'react';

/**
 * The URL's fragment (without '#'), read once and then removed from the address bar, for a
 * secret that came in a link (a password-reset token): it is not left in the history, in a
 * bookmark or on a shared screen. The page keeps it for as long as it is open.
 */
export function useFragmentTakenOnce(): string {
  const [fragment] = useState(() => window.location.hash.replace(/^#/, ''));
  useEffect(() => {
    if (!window.location.hash) return;
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
  }, []);
  return fragment;
}
