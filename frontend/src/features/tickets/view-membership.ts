import { effectiveFilters, type EffectiveFilters } from './queue-views';
import type { Ordering, Ticket, TicketListParams } from './types';

/** Whether `ticket` meets every filter but the search (which needs the server: it matches comments too). */
function meetsFilters(filters: EffectiveFilters, ticket: Ticket, userId: number): boolean {
  const anyOf = <Value>(chosen: readonly Value[], value: Value) => chosen.length === 0 || chosen.includes(value);
  const held = filters.assignee.length === 0 || filters.assignee.some((who) => (who === 'me' ? ticket.assignee?.id === userId : ticket.assignee === null));
  return (
    anyOf(filters.category, ticket.category) &&
    anyOf(filters.priority, ticket.priority) &&
    anyOf(filters.status, ticket.status) &&
    held &&
    (filters.waiting === undefined || ticket.waiting_on === filters.waiting)
  );
}

const sortField = (ordering: Ordering) => ordering.replace(/^-/, '') as keyof Ticket & ('created_at' | 'last_activity_at' | 'last_customer_message_at' | 'priority' | 'status');

/**
 * Whether a change to a ticket may alter a list page in a way that writing the new version
 * into its row cannot: which tickets the page holds, their order, or the count. Then the page
 * is fetched again. `shown` is the page as cached; `earlier`, the ticket as last seen elsewhere.
 */
export function changeMayReshapeList(params: TicketListParams, shown: readonly Ticket[], current: Ticket, earlier: Ticket | undefined, userId: number): boolean {
  const filters = effectiveFilters(params);
  if (filters.search) return true;
  const row = shown.find((ticket) => ticket.id === current.id);
  if (row) {
    const field = sortField(params.ordering);
    return !meetsFilters(filters, current, userId) || row[field] !== current[field];
  }
  // Not on this page: it may join the view, or (if it was in it) leave it, moving the count and the pages.
  return meetsFilters(filters, current, userId) || earlier === undefined || meetsFilters(filters, earlier, userId);
}
