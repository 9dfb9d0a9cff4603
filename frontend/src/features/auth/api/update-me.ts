import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { toUser } from '../session';
import type { ProfileChanges, SessionUser, User } from '../types';
import { authKeys } from './query-keys';

export async function updateMe(changes: ProfileChanges): Promise<User> {
  const answer = await apiRequest<SessionUser | User>('/auth/me/', { method: 'PATCH', body: changes });
  return 'csrf_token' in answer ? toUser(answer) : answer;
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (user) => queryClient.setQueryData(authKeys.me(), user),
  });
}
