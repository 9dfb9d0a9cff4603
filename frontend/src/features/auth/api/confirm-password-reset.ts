import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { authKeys } from './query-keys';

export interface PasswordReset {
  /** From the mailed link's fragment; sent here and nowhere else. */
  token: string;
  password: string;
}

export function confirmPasswordReset(reset: PasswordReset): Promise<void> {
  return apiRequest<void>('/auth/password-reset/confirm/', { method: 'POST', body: reset });
}

export function useConfirmPasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmPasswordReset,
    // The reset ended every session of its account, which may have been this browser's.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}
