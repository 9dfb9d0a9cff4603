import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Assignee } from '../types';
import { assigneeKeys } from '../../../lib/query-keys';

/** The active agents and admins a ticket can be given to. */
export function getAssignees(signal?: AbortSignal): Promise<Assignee[]> {
  return apiRequest<Assignee[]>('/tickets/assignees/', { signal });
}

export function assigneesQueryOptions() {
  return queryOptions({
    queryKey: assigneeKeys.all,
    queryFn: ({ signal }) => getAssignees(signal),
    // The team changes rarely, and account changes made here invalidate it.
    staleTime: 5 * 60_000,
  });
}

export function useAssignees() {
  return useQuery(assigneesQueryOptions());
}
