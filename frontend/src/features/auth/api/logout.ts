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
    mutationFn: logout,
    onSuccess: () => endSession(queryClient),
  });
}
