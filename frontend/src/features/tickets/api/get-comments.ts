import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../lib/page';
import type { TicketComment } from '../types';
import { ticketKeys } from './query-keys';
import { path } from '../../../lib/urls';

/** A conversation longer than this shows its first page and says so. */
export const CONVERSATION_PAGE_SIZE = 100;

/** While a mailed reply waits for the worker, its delivery is asked again this often. */
export const QUEUED_MAIL_REFRESH_MS = 5_000;

const hasQueuedMail = (page: Page<TicketComment> | undefined) => Boolean(page?.results.some((comment) => comment.mail?.status === 'queued'));

export function getComments(ticketId: number, signal?: AbortSignal): Promise<Page<TicketComment>> {
  return apiRequest<Page<TicketComment>>(path`/tickets/${ticketId}/comments/`, {
    signal,
    query: { page_size: CONVERSATION_PAGE_SIZE },
  });
}

export function commentsQueryOptions(ticketId: number) {
  return queryOptions({
    queryKey: ticketKeys.comments(ticketId),
    queryFn: ({ signal }) => getComments(ticketId, signal),
    // So that "Queued" turns into "Sent" or "Failed" without a reload; a conversation with
    // nothing waiting is not polled.
    refetchInterval: (query) => (hasQueuedMail(query.state.data) ? QUEUED_MAIL_REFRESH_MS : false),
  });
}

export function useComments(ticketId: number) {
  return useQuery(commentsQueryOptions(ticketId));
}
