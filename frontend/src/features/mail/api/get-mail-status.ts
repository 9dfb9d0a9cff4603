import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { MailStatus } from '../types';
import { mailKeys } from './query-keys';

/** Nothing here changes the figures: they move with the worker and incoming mail, so they are polled. */
export const MAIL_STATUS_REFRESH_MS = 30_000;

export function getMailStatus(signal?: AbortSignal): Promise<MailStatus> {
  return apiRequest<MailStatus>('/mail/status/', { signal });
}

export function mailStatusQueryOptions() {
  return queryOptions({
    queryKey: mailKeys.status(),
    queryFn: ({ signal }) => getMailStatus(signal),
    refetchInterval: MAIL_STATUS_REFRESH_MS,
  });
}

export function useMailStatus() {
  return useQuery(mailStatusQueryOptions());
}
