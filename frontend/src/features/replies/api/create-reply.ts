import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { CannedReply, NewReply } from '../types';
import { replyKeys } from './query-keys';

export function createReply(reply: NewReply): Promise<CannedReply> {
  return apiRequest<CannedReply>('/replies/', { method: 'POST', body: reply });
}

export function useCreateReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReply,
    // Refetched rather than spliced in: the server decides the order (most used first).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: replyKeys.all }),
  });
}
