import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { path } from '../../../lib/urls';
import { replyKeys } from './query-keys';

export function deleteReply(id: number): Promise<void> {
  return apiRequest<void>(path`/replies/${id}/`, { method: 'DELETE' });
}

export function useDeleteReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteReply,
    // Also after a refusal: a 404 means someone else deleted it or made it personal meanwhile.
    onSettled: () => queryClient.invalidateQueries({ queryKey: replyKeys.all }),
  });
}
