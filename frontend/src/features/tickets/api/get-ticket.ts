import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Ticket } from '../types';
import { ticketKeys } from './query-keys';
import { path } from '../../../lib/urls';

export function getTicket(id: number, signal?: AbortSignal): Promise<Ticket> {
  return apiRequest<Ticket>(path`/tickets/${id}/`, { signal });
}

export function ticketQueryOptions(id: number) {
  return queryOptions({
    queryKey: ticketKeys.detail(id),
    queryFn: ({ signal }) => getTicket(id, signal),
  });
}

export function useTicket(id: number) {
  return useQuery(ticketQueryOptions(id));
}
