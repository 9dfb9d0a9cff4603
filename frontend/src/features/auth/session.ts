import type { QueryClient } from '@tanstack/react-query';
import { setCsrfToken } from '../../lib/api-client';
import { authKeys } from './api/query-keys';
import type { SessionUser, User } from './types';

/** Keeps the CSRF token in the API client and the user (without the token) in the cache. */
export function toUser({ csrf_token: csrfToken, ...user }: SessionUser): User {
  setCsrfToken(csrfToken);
  return user;
}

/** Drops what the cache holds for anyone but the session itself (tickets, users, stats…). */
function forgetEverythingElse(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
}

export function startSession(queryClient: QueryClient, user: User): void {
  forgetEverythingElse(queryClient);
  queryClient.setQueryData(authKeys.me(), user);
}

/** After sign-out, or when the server says the session ended: nobody is signed in here any more. */
export function endSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.setQueryData(authKeys.me(), null);
  queryClient.removeQueries({ queryKey: authKeys.tokens() });
  forgetEverythingElse(queryClient);
}
