import type { TicketListParams } from '../types';

// Hierarchical keys: invalidating `ticketKeys.all` refreshes every list page and detail.
export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => [...ticketKeys.all, 'list'] as const,
  list: (params: TicketListParams) => [...ticketKeys.lists(), params] as const,
  details: () => [...ticketKeys.all, 'detail'] as const,
  detail: (id: number) => [...ticketKeys.details(), id] as const,
  suggestion: (title: string, description: string) => ['suggestion', title, description] as const,
};
