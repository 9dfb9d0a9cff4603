import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Stats } from '../types';
import { statsKeys } from '../../../lib/query-keys';

/** Changes made here refresh the figures at once (mutations invalidate them); this catches the rest. */
export const STATS_REFRESH_MS = 30_000;

export function getStats(signal?: AbortSignal): Promise<Stats> {
  return apiRequest<Stats>('/tickets/stats/', { signal });
}

export function statsQueryOptions() {
  return queryOptions({
    queryKey: statsKeys.all,
    queryFn: ({ signal }) => getStats(signal),
    refetchInterval: STATS_REFRESH_MS,
  });
}

export function useStats() {
  return useQuery(statsQueryOptions());
}
