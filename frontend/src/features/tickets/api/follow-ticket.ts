// The customer's side of a ticket, through the private link: every request carries the
// ticket's key and no cookie, so it is the customer's even in a browser where an agent is
// signed in. A 401 (wrong key) or 404 (no such ticket, or a key for another one) is an
// answer about the link, not about a session.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type RequestOptions } from '../../../lib/api-client';
import type { Page } from '../../../lib/page';
import type { CustomerTicket, TicketComment } from '../types';
import { CONVERSATION_PAGE_SIZE } from './get-comments';
import { ticketKeys } from './query-keys';
import { path } from '../../../lib/urls';

function asCustomer(accessKey: string): RequestOptions {
  return { headers: { 'X-Ticket-Key': accessKey }, credentials: 'omit', expectUnauthorized: true };
}

export function getCustomerTicket(id: number, accessKey: string, signal?: AbortSignal): Promise<CustomerTicket> {
  return apiRequest<CustomerTicket>(path`/tickets/${id}/`, { ...asCustomer(accessKey), signal });
}

export function getCustomerComments(id: number, accessKey: string, signal?: AbortSignal): Promise<Page<TicketComment>> {
  return apiRequest<Page<TicketComment>>(path`/tickets/${id}/comments/`, {
    ...asCustomer(accessKey),
    signal,
    query: { page_size: CONVERSATION_PAGE_SIZE },
  });
}

export function createCustomerComment(id: number, accessKey: string, body: string): Promise<TicketComment> {
  return apiRequest<TicketComment>(path`/tickets/${id}/comments/`, { ...asCustomer(accessKey), method: 'POST', body: { body } });
}

export function customerTicketQueryOptions(id: number, accessKey: string) {
  return queryOptions({
    queryKey: ticketKeys.follow(id, accessKey),
    queryFn: ({ signal }) => getCustomerTicket(id, accessKey, signal),
  });
}

export function customerCommentsQueryOptions(id: number, accessKey: string) {
  return queryOptions({
    queryKey: ticketKeys.followComments(id, accessKey),
    queryFn: ({ signal }) => getCustomerComments(id, accessKey, signal),
  });
}

export function useCustomerTicket(id: number, accessKey: string, enabled: boolean) {
  return useQuery({ ...customerTicketQueryOptions(id, accessKey), enabled });
}

export function useCustomerComments(id: number, accessKey: string, enabled: boolean) {
  return useQuery({ ...customerCommentsQueryOptions(id, accessKey), enabled });
}

export function useCreateCustomerComment(id: number, accessKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => createCustomerComment(id, accessKey, body),
    // A reply may reopen a resolved ticket, and a 409 means it was closed meanwhile: refetch both.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketKeys.follow(id, accessKey) }),
  });
}
