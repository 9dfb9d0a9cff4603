import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { NewApiToken } from '../types';
import { authKeys } from './query-keys';

export function createToken(name: string): Promise<NewApiToken> {
  return apiRequest<NewApiToken>('/auth/tokens/', { method: 'POST', body: { name } });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    // The list is refetched (it never holds the secret), not written from this answer.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.tokens() }),
  });
}
