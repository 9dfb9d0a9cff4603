import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { CannedReply } from '../types';
import { replyKeys } from './query-keys';

/** Every shared reply and the caller's own, most used first. */
export function getReplies(signal?: AbortSignal): Promise<CannedReply[]> {
  return apiRequest<CannedReply[]>('/replies/', { signal });
}

export function repliesQueryOptions() {
  return queryOptions({ queryKey: replyKeys.all, queryFn: ({ signal }) => getReplies(signal) });
}

export function useReplies() {
  return useQuery(repliesQueryOptions());
}
