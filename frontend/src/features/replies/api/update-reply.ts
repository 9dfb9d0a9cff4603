import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { path } from '../../../lib/urls';
import type { CannedReply, ReplyChanges } from '../types';
import { replyKeys } from './query-keys';

export function updateReply(id: number, changes: ReplyChanges): Promise<CannedReply> {
  return apiRequest<CannedReply>(path`/replies/${id}/`, { method: 'PATCH', body: changes });
}

export function useUpdateReply(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ReplyChanges) => updateReply(id, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: replyKeys.all }),
  });
}
