import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { onSessionEnded } from '../../lib/api-client';
import { loginHref } from './next-path';
import { endSession } from './session';

/**
 * A 401 from a request the session should have allowed means it ended elsewhere (signed out
 * in another tab, deactivated, password changed): forget the user and ask them to sign in,
 * coming back to where they were.
 */
export function useSessionEndedRedirect(): void {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  useEffect(
    () =>
      onSessionEnded(() => {
        endSession(queryClient);
        const { pathname, search } = window.location;
        if (pathname !== '/login') navigate(loginHref(`${pathname}${search}`));
      }),
    [queryClient, navigate],
  );
}
