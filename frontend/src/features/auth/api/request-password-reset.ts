import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** Asks for a mailed link to choose a new password; the answer is the same whether or not the address is an account's. */
export function requestPasswordReset(email: string): Promise<void> {
  return apiRequest<void>('/auth/password-reset/', { method: 'POST', body: { email } });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
