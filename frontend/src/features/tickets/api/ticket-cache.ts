import type { QueryClient } from '@tanstack/react-query';
import type { Ticket, TicketPage } from '../types';
import { statsKeys } from '../../../lib/query-keys';
import { ticketKeys } from './query-keys';

/** Puts one ticket's current version into its detail entry and every cached list page showing it. */
export function writeTicketToCache(queryClient: QueryClient, ticket: Ticket): void {
  queryClient.setQueryData<Ticket>(ticketKeys.detail(ticket.id), (cached) => (cached ? ticket : undefined));
  queryClient.setQueriesData<TicketPage>({ queryKey: ticketKeys.lists() }, (page) => {
    if (!page?.results.some((row) => row.id === ticket.id)) return page;
    return { ...page, results: page.results.map((row) => (row.id === ticket.id ? ticket : row)) };
  });
}

/** The newest version of a ticket the cache holds, from its detail entry or any list page. */
export function readCachedTicket(queryClient: QueryClient, id: number): Ticket | undefined {
  const detail = queryClient.getQueryData<Ticket>(ticketKeys.detail(id));
  if (detail) return detail;
  for (const [, page] of queryClient.getQueriesData<TicketPage>({ queryKey: ticketKeys.lists() })) {
    const row = page?.results.find((candidate) => candidate.id === id);
    if (row) return row;
  }
  return undefined;
}

/** After a change to one ticket or its conversation: the ticket, its comments, its history, the lists and the figures. */
export function invalidateTicket(queryClient: QueryClient, id: number): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) }),
    queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: statsKeys.all }),
  ]).then(() => undefined);
}
