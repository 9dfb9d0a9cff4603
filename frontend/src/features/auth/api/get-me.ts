import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { toUser } from '../session';
import type { SessionUser, User } from '../types';
import { authKeys } from './query-keys';

/** Who is signed in here: the user, or null for an anonymous visitor (401). */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  try {
    return toUser(await apiRequest<SessionUser>('/auth/me/', { signal, expectUnauthorized: true }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function meQueryOptions() {
  return queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => getMe(signal),
    // Asked once per page load; sign-in, sign-out and any 401 keep it current after that.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useMe() {
  return useQuery(meQueryOptions());
}

/**
 * The user as the server holds them now, asked again on each mount: the profile shows
 * settings that the sign-in answer lacks and that another tab may have changed.
 */
export function useMeAsStored() {
  return useQuery({ ...meQueryOptions(), refetchOnMount: 'always' });
}
