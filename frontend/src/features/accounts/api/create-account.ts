import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Account, NewAccount } from '../types';
import { assigneeKeys } from '../../../lib/query-keys';
import { accountKeys } from './query-keys';

export function createAccount(account: NewAccount): Promise<Account> {
  return apiRequest<Account>('/users/', { method: 'POST', body: account });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: () => {
      // Who may be assigned a ticket changes with roles, activation and new accounts.
      void queryClient.invalidateQueries({ queryKey: assigneeKeys.all });
      return queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
    },
  });
}
