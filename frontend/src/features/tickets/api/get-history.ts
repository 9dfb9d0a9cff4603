import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/page';
import type { HistoryEntry } from '../types';
import { CONVERSATION_PAGE_SIZE } from './get-comments';
import { ticketKeys } from './query-keys';
import { path } from '../../../lib/urls';

export function getHistory(ticketId: number, signal?: AbortSignal): Promise<Page<HistoryEntry>> {
  return apiRequest<Page<HistoryEntry>>(path`/tickets/${ticketId}/history/`, {
    signal,
    query: { page_size: CONVERSATION_PAGE_SIZE },
  });
}

export function historyQueryOptions(ticketId: number) {
  return queryOptions({
    queryKey: ticketKeys.history(ticketId),
    queryFn: ({ signal }) => getHistory(ticketId, signal),
  });
}

export function useHistory(ticketId: number) {
  return useQuery(historyQueryOptions(ticketId));
}
