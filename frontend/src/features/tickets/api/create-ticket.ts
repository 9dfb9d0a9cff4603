import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { statsKeys } from '../../../lib/query-keys';
import type { CreatedTicket, NewTicket } from '../types';
import { ticketKeys } from './query-keys';

export function createTicket(newTicket: NewTicket): Promise<CreatedTicket> {
  return apiRequest<CreatedTicket>('/tickets/', { method: 'POST', body: newTicket });
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTicket,
    onSuccess: ({ access_key: _accessKey, ...ticket }) => {
      // The customer's key is shown once by the form; it never goes into the cache.
      queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket);
      // Not awaited: the form is free again at once; the list and dashboard catch up.
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: statsKeys.all });
    },
  });
}
