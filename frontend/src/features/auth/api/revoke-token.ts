import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { authKeys } from './query-keys';
import { path } from '../../../lib/urls';

export function revokeToken(id: number): Promise<void> {
  return apiRequest<void>(path`/auth/tokens/${id}/`, { method: 'DELETE' });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: authKeys.tokens() }),
  });
}
