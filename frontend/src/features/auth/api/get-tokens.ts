import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiToken } from '../types';
import { authKeys } from './query-keys';

/** The caller's own API tokens, newest first, without their secrets. */
export function getTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return apiRequest<ApiToken[]>('/auth/tokens/', { signal });
}

export function tokensQueryOptions() {
  return queryOptions({ queryKey: authKeys.tokens(), queryFn: ({ signal }) => getTokens(signal) });
}

export function useTokens() {
  return useQuery(tokensQueryOptions());
}
