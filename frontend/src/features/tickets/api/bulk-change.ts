import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { statsKeys } from '../../../lib/query-keys';
import type { TicketChanges } from '../types';
import { ticketKeys } from './query-keys';

/** What a bulk change sets: any of the triage fields, as a PATCH would. */
export type BulkSet = Pick<TicketChanges, 'status' | 'priority' | 'category' | 'assignee_id'>;

/** Which tickets: these ids (at most 1,000, changed at once), or every one the list's query string selects (a job). */
export type BulkTarget = { ids: number[] } | { filter: string };

export type BulkSkipReason = 'not found' | 'unchanged';

/** The answer for ids: how many named a ticket, how many changed, and why the others did not. */
export interface BulkResult {
  matched: number;
  changed: number;
  skipped: { id: number; reason: BulkSkipReason }[];
}

/** The answer for a filter: the job changing its tickets in the background, and how many it selects. */
export interface BulkJobAccepted {
  job: number;
  matched: number;
}

export function bulkChange(target: BulkTarget, set: BulkSet): Promise<BulkResult | BulkJobAccepted> {
  return apiRequest<BulkResult | BulkJobAccepted>('/tickets/bulk/', { method: 'POST', body: { ...target, set } });
}

export function isJob(answer: BulkResult | BulkJobAccepted): answer is BulkJobAccepted {
  return 'job' in answer;
}

/** After many tickets changed: every list page, every ticket and the figures (the queue's counts come from them). */
export function invalidateAfterBulkChange(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ticketKeys.all }),
    queryClient.invalidateQueries({ queryKey: statsKeys.all }),
  ]).then(() => undefined);
}

export function useBulkChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ target, set }: { target: BulkTarget; set: BulkSet }) => bulkChange(target, set),
    // A job's tickets change later: its progress says when to refresh (get-bulk-job.ts).
    onSuccess: (answer) => (isJob(answer) ? undefined : invalidateAfterBulkChange(queryClient)),
  });
}
