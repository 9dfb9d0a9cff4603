import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { effectiveFilters } from '../queue-views';
import { DEFAULT_ORDERING, type TicketListParams, type TicketPage } from '../types';
import { ticketKeys } from './query-keys';

export const PAGE_SIZE = 20;

export function getTickets(params: TicketListParams, signal?: AbortSignal): Promise<TicketPage> {
  const filters = effectiveFilters(params);
  return apiRequest<TicketPage>('/tickets/', {
    signal,
    query: {
      category: filters.category,
      priority: filters.priority,
      status: filters.status,
      assignee: filters.assignee,
      waiting: filters.waiting,
      search: filters.search,
      ordering: params.ordering === DEFAULT_ORDERING ? undefined : params.ordering,
      page: params.page === 1 ? undefined : params.page,
      page_size: PAGE_SIZE,
    },
  });
}

export function ticketsQueryOptions(params: TicketListParams) {
  return queryOptions({
    queryKey: ticketKeys.list(params),
    // Remember which page the results are: while the next page loads, the previous one is
    // still on screen and must not be labelled with the new page number.
    queryFn: async ({ signal }) => ({ ...(await getTickets(params, signal)), page: params.page }),
    // Keep showing the previous page while the next one loads: the list never flashes empty.
    placeholderData: keepPreviousData,
  });
}

export function useTickets(params: TicketListParams) {
  return useQuery(ticketsQueryOptions(params));
}
