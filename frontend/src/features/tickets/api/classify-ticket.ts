import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Suggestion } from '../types';
import { ticketKeys } from './query-keys';

export interface TicketText {
  title: string;
  description: string;
}

export function classifyTicket(text: TicketText, signal?: AbortSignal): Promise<Suggestion> {
  return apiRequest<Suggestion>('/tickets/classify/', { method: 'POST', body: text, signal });
}

/**
 * Classification is a pure function of the text, so it is cached by the text: each
 * answer lands under the text it was computed for and can never be mistaken for
 * the answer to newer text. `null` means "nothing to classify yet".
 */
export function suggestionQueryOptions(text: TicketText | null) {
  return queryOptions({
    queryKey: text ? ticketKeys.suggestion(text.title, text.description) : ticketKeys.suggestion('', ''),
    queryFn: text ? ({ signal }) => classifyTicket(text, signal) : skipToken,
    staleTime: Infinity,
    retry: false,
  });
}

export function useSuggestionQuery(text: TicketText | null) {
  return useQuery(suggestionQueryOptions(text));
}
