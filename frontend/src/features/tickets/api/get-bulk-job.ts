import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiRequest } from '../../../lib/api-client';
import { path } from '../../../lib/urls';
import { invalidateAfterBulkChange } from './bulk-change';
import { ticketKeys } from './query-keys';

/** How often a running job's progress is asked for. */
export const BULK_JOB_POLL_MS = 1_000;

export interface BulkJob {
  state: 'running' | 'done' | 'failed';
  /** The tickets the filter selected when the job was accepted. */
  matched: number;
  changed: number;
  started_at: string;
  finished_at: string | null;
}

export function getBulkJob(id: number, signal?: AbortSignal): Promise<BulkJob> {
  return apiRequest<BulkJob>(path`/tickets/bulk/${id}/`, { signal });
}

export function bulkJobQueryOptions(id: number) {
  return queryOptions({
    queryKey: ticketKeys.bulkJob(id),
    queryFn: ({ signal }) => getBulkJob(id, signal),
    // Asked every second until the job ends, then never again.
    refetchInterval: (query) => (query.state.data?.state === 'running' ? BULK_JOB_POLL_MS : false),
  });
}

/** A bulk job's progress, followed while it runs; once it ends, the tickets and figures are refetched. `null` follows nothing. */
export function useBulkJob(id: number | null) {
  const queryClient = useQueryClient();
  const job = useQuery({ ...bulkJobQueryOptions(id ?? 0), enabled: id !== null });
  const ended = id !== null && job.data !== undefined && job.data.state !== 'running';
  useEffect(() => {
    if (ended) void invalidateAfterBulkChange(queryClient);
  }, [ended, queryClient]);
  return job;
}
