import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { startSession, toUser } from '../session';
import type { Credentials, SessionUser, User } from '../types';

export async function signIn(credentials: Credentials): Promise<User> {
  // A 401 here is "wrong email or password", not a session that ended.
  return toUser(await apiRequest<SessionUser>('/auth/login/', { method: 'POST', body: credentials, expectUnauthorized: true }));
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (user) => startSession(queryClient, user),
  });
}
