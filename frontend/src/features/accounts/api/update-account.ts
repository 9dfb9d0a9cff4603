import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Account, AccountChanges } from '../types';
import { accountKeys } from './query-keys';

export function updateAccount(id: number, changes: AccountChanges): Promise<Account> {
  return apiRequest<Account>(`/users/${id}/`, { method: 'PATCH', body: changes });
}

export function useUpdateAccount(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: AccountChanges) => updateAccount(id, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.lists() }),
  });
}
