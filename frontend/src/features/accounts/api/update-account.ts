import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Account, AccountChanges } from '../types';
import { assigneeKeys } from '../../../lib/query-keys';
import { accountKeys } from './query-keys';
import { path } from '../../../lib/urls';

export function updateAccount(id: number, changes: AccountChanges): Promise<Account> {
  return apiRequest<Account>(path`/users/${id}/`, { method: 'PATCH', body: changes });
}

export function useUpdateAccount(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: AccountChanges) => updateAccount(id, changes),
    onSuccess: () => {
      // Who may be assigned a ticket changes with roles, activation and new accounts.
      void queryClient.invalidateQueries({ queryKey: assigneeKeys.all });
      return queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
    },
  });
}
