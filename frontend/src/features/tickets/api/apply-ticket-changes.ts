import type { QueryClient } from '@tanstack/react-query';
import { statsKeys } from '../../../lib/query-keys';
import type { Ticket, TicketPage } from '../types';
import { changeMayReshapeList } from '../view-membership';
import { listParamsOf, ticketKeys } from './query-keys';
import { readCachedTicket, writeTicketToCache } from './ticket-cache';
import { isSavingTicket } from './update-ticket';

const isOlder = (ticket: Ticket, than: Ticket) => Date.parse(ticket.last_activity_at) < Date.parse(than.last_activity_at);

/**
 * Brings what this tab shows up to date with tickets that changed elsewhere: each new version
 * goes into the rows and ticket pages holding it, an open conversation and history are fetched
 * again, and a list page is fetched again only where the change may alter which tickets it
 * holds, their order or its count. Returns the ids left for a later look: tickets this tab is
 * saving an edit of (their optimistic copy stays on screen until the save answers).
 */
export function applyTicketChanges(queryClient: QueryClient, changed: readonly Ticket[], userId: number): Set<number> {
  const deferred = new Set<number>();
  const fresh: { current: Ticket; earlier: Ticket | undefined }[] = [];
  for (const current of changed) {
    if (isSavingTicket(queryClient, current.id)) {
      deferred.add(current.id);
      continue;
    }
    const earlier = readCachedTicket(queryClient, current.id);
    // Already known (our own save's answer), or older than what a refetch meanwhile brought.
    if (earlier && (earlier.last_activity_at === current.last_activity_at || isOlder(current, earlier))) continue;
    fresh.push({ current, earlier });
  }
  if (fresh.length === 0) return deferred;

  // Which pages need the server's word, judged on the pages as they are before the merge.
  const reshaped = new Set(
    queryClient
      .getQueriesData<TicketPage>({ queryKey: ticketKeys.lists() })
      .filter(([key, page]) => page && fresh.some(({ current, earlier }) => changeMayReshapeList(listParamsOf(key), page.results, current, earlier, userId)))
      .map(([key]) => JSON.stringify(key)),
  );
  for (const { current } of fresh) {
    writeTicketToCache(queryClient, current);
    // A new comment or history entry leaves no other trace in the ticket than its activity time.
    void queryClient.invalidateQueries({ queryKey: ticketKeys.comments(current.id) });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.history(current.id) });
  }
  void queryClient.invalidateQueries({
    queryKey: ticketKeys.lists(),
    // A page not on screen is only marked stale (it refetches when shown); one on screen refetches now if needed.
    predicate: (query) => !query.isActive() || reshaped.has(JSON.stringify(query.queryKey)),
  });
  void queryClient.invalidateQueries({ queryKey: statsKeys.all });
  return deferred;
}

/** Everything about tickets is fetched again (what is on screen); nothing is left for later. */
export function refreshAllTickets(queryClient: QueryClient): Set<number> {
  void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
  void queryClient.invalidateQueries({ queryKey: statsKeys.all });
  return new Set();
}
