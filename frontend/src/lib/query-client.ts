import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/** Retrying cannot fix a request the server refused (4xx); network hiccups and 5xx may pass. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 10_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
