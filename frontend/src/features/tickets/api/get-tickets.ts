import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, toSearchParams, type QueryValue } from '../../../lib/api-client';
import { effectiveFilters } from '../queue-views';
import { DEFAULT_ORDERING, type TicketListParams, type TicketPage } from '../types';
import { ticketKeys } from './query-keys';

export const PAGE_SIZE = 20;

/** What selects the list's tickets, as the API's parameters: the view's filters, the panel's and the search. */
function filterArguments(params: TicketListParams): Record<string, QueryValue> {
  const filters = effectiveFilters(params);
  return {
    category: filters.category,
    priority: filters.priority,
    status: filters.status,
    assignee: filters.assignee,
    waiting: filters.waiting,
    search: filters.search,
  };
}

/** The list's order as the API's parameter (its default left out). */
function orderingArgument(params: TicketListParams): QueryValue {
  return params.ordering === DEFAULT_ORDERING ? undefined : params.ordering;
}

export function getTickets(params: TicketListParams, signal?: AbortSignal): Promise<TicketPage> {
  return apiRequest<TicketPage>('/tickets/', {
    signal,
    query: {
      ...filterArguments(params),
      ordering: orderingArgument(params),
      page: params.page === 1 ? undefined : params.page,
      page_size: PAGE_SIZE,
    },
  });
}

/** The list's tickets for a bulk change over all it matches: its filters' query string, nothing of order or page. */
export function bulkFilterOf(params: TicketListParams): string {
  return toSearchParams(filterArguments(params)).toString();
}

/** The query of the list's export: every ticket it matches, in its order, all pages. */
export function exportQueryOf(params: TicketListParams): URLSearchParams {
  return toSearchParams({ ...filterArguments(params), ordering: orderingArgument(params) });
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
