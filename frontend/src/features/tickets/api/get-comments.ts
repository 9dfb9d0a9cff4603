import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/page';
import type { TicketComment } from '../types';
import { ticketKeys } from './query-keys';
import { path } from '../../../lib/urls';

/** A conversation longer than this shows its first page and says so. */
export const CONVERSATION_PAGE_SIZE = 100;

export function getComments(ticketId: number, signal?: AbortSignal): Promise<Page<TicketComment>> {
  return apiRequest<Page<TicketComment>>(path`/tickets/${ticketId}/comments/`, {
    signal,
    query: { page_size: CONVERSATION_PAGE_SIZE },
  });
}

export function commentsQueryOptions(ticketId: number) {
  return queryOptions({
    queryKey: ticketKeys.comments(ticketId),
    queryFn: ({ signal }) => getComments(ticketId, signal),
  });
}

export function useComments(ticketId: number) {
  return useQuery(commentsQueryOptions(ticketId));
}
