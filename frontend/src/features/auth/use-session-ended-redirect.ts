import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { onSessionEnded } from '../../lib/api-client';
import { signInHref } from './next-path';
import { endSession } from './session';

/** What the sign-in page is told by the navigation that brought the person there. */
export interface SignInPageState {
  sessionEnded?: boolean;
}

/**
 * A 401 from a request the session should have allowed means it ended elsewhere (signed out
 * in another tab, deactivated, password changed): forget the user and ask them to sign in,
 * coming back to where they were. The sign-in page says the session ended, never why: a
 * person who may not sign in again is not told the reason.
 */
export function useSessionEndedRedirect(): void {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  useEffect(
    () =>
      onSessionEnded(() => {
        endSession(queryClient);
        const { pathname, search } = window.location;
        const state: SignInPageState = { sessionEnded: true };
        if (pathname !== '/sign-in') navigate(signInHref(`${pathname}${search}`), { state });
      }),
    [queryClient, navigate],
  );
}
