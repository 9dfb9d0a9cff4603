import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Stats } from '../types';
import { statsKeys } from '../../../lib/query-keys';

/**
 * How often the dashboard asks for its figures again. Changes made here refresh them at once
 * (mutations invalidate them), and others' changes when the look for changes reports them
 * (apply-ticket-changes.ts); the dashboard also follows what no ticket change announces,
 * such as the average per day as days pass. The queue's counts need no interval of their own.
 */
export const STATS_REFRESH_MS = 30_000;

export function getStats(signal?: AbortSignal): Promise<Stats> {
  return apiRequest<Stats>('/tickets/stats/', { signal });
}

export function statsQueryOptions(refetchInterval: number | false = false) {
  return queryOptions({
    queryKey: statsKeys.all,
    queryFn: ({ signal }) => getStats(signal),
    refetchInterval,
  });
}

/** The figures; `refetchInterval` asks for them again on a timer besides. */
export function useStats(refetchInterval: number | false = false) {
  return useQuery(statsQueryOptions(refetchInterval));
}
