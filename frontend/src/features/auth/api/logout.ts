import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { endSession } from '../session';

export function logout(): Promise<void> {
  // A session that already ended elsewhere answers 401: signed out all the same.
  return apiRequest<void>('/auth/logout/', { method: 'POST', expectUnauthorized: true });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    // What is still loading is dropped first: answered after the session ended, it would
    // be a 401 for a request the person made while signed in.
    mutationFn: async () => {
      await queryClient.cancelQueries();
      await logout();
    },
    onSuccess: () => endSession(queryClient),
  });
}
