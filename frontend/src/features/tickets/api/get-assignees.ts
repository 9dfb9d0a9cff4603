import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Assignee } from '../types';
import { ticketKeys } from './query-keys';

/** The active agents and admins a ticket can be given to. */
export function getAssignees(signal?: AbortSignal): Promise<Assignee[]> {
  return apiRequest<Assignee[]>('/tickets/assignees/', { signal });
}

export function assigneesQueryOptions() {
  return queryOptions({
    queryKey: ticketKeys.assignees(),
    queryFn: ({ signal }) => getAssignees(signal),
    // The team changes rarely; an admin's change shows after a few minutes or a reload.
    staleTime: 5 * 60_000,
  });
}

export function useAssignees() {
  return useQuery(assigneesQueryOptions());
}
