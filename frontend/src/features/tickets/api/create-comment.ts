import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { TicketComment } from '../types';
import { invalidateTicket } from './ticket-cache';
import { path } from '../../../lib/urls';

export interface NewComment {
  body: string;
  /** A note only agents see. */
  internal: boolean;
}

export function createComment(ticketId: number, comment: NewComment): Promise<TicketComment> {
  return apiRequest<TicketComment>(path`/tickets/${ticketId}/comments/`, { method: 'POST', body: comment });
}

export function useCreateComment(ticketId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (comment: NewComment) => createComment(ticketId, comment),
    onSuccess: () => invalidateTicket(queryClient, ticketId),
  });
}
