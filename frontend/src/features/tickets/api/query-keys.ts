import type { QueryKey } from '@tanstack/react-query';
import type { TicketListParams } from '../types';

// Hierarchical keys: invalidating `ticketKeys.all` refreshes every list page and detail, and
// invalidating one ticket's `detail` also refreshes its comments and history, which hang under it.
export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => [...ticketKeys.all, 'list'] as const,
  list: (params: TicketListParams) => [...ticketKeys.lists(), params] as const,
  details: () => [...ticketKeys.all, 'detail'] as const,
  detail: (id: number) => [...ticketKeys.details(), id] as const,
  comments: (id: number) => [...ticketKeys.detail(id), 'comments'] as const,
  history: (id: number) => [...ticketKeys.detail(id), 'history'] as const,
  // What changed since the last look: kept apart from `all`, so refreshing the tickets (as
  // every change made here does) never restarts the poll that finds others' changes.
  changes: () => ['ticket-changes'] as const,
  suggestion: (title: string, description: string) => ['suggestion', title, description] as const,
  // A customer's view through the private link, kept apart from the agents' cache.
  follow: (id: number, accessKey: string) => ['follow', id, accessKey] as const,
  followComments: (id: number, accessKey: string) => [...ticketKeys.follow(id, accessKey), 'comments'] as const,
  // A bulk change's job: apart from `all`, which the job's end invalidates.
  bulkJob: (id: number) => ['bulk-job', id] as const,
};

/** The list parameters a `ticketKeys.list(…)` key was made from. */
export function listParamsOf(queryKey: QueryKey): TicketListParams {
  return queryKey[2] as TicketListParams;
}
