import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiResponse } from '../../../lib/api-client';
import type { TicketPage } from '../types';
import { applyTicketChanges, refreshAllTickets } from './apply-ticket-changes';
import { ticketKeys } from './query-keys';

/** How often an open list or ticket asks what changed: someone else's change shows within this and two requests. */
export const CHANGES_POLL_MS = 4_000;

/**
 * How far before the newest activity it knows each look reaches back. A change carries its
 * transaction's start time, so one that began before a look and committed after it would
 * otherwise fall between two looks.
 */
export const CHANGES_OVERLAP_MS = 5_000;

/** The most changed tickets one look takes in; more means "fetch everything again". */
export const CHANGES_PAGE_SIZE = 100;

const NOTHING_YET = '1970-01-01T00:00:00Z';

/** Where the last look left off. */
export interface ChangesCursor {
  /** The newest `last_activity_at` seen so far. */
  newest: string;
  /**
   * When the server answered the last look (its `Date` header, less the second the header
   * rounds away), if it said. A look reaches back from this or `newest`, whichever is later:
   * on a quiet desk the looks then find nothing to send, instead of the same last tickets
   * every time.
   */
  answeredAt?: string;
  /** id → `last_activity_at` of each ticket the last look reported, so a change is applied once although looks overlap. */
  reported: Record<number, string>;
}

/** Tickets whose last activity is later than `since`, newest first (an agent's view: every ticket), and when the server answered. */
export async function getChangedTickets(since: string, signal?: AbortSignal): Promise<{ page: TicketPage; answeredAt?: string }> {
  const { data: page, headers } = await apiResponse<TicketPage>('/tickets/', {
    signal,
    query: { updated_since: since, ordering: '-last_activity_at', page_size: CHANGES_PAGE_SIZE },
  });
  return { page, answeredAt: serverTime(headers) };
}

/** The server's clock at the answer, from `Date` (whole seconds, rounded down: a second is taken off so it is never late). */
function serverTime(headers: Headers): string | undefined {
  const date = Date.parse(headers.get('Date') ?? '');
  return Number.isNaN(date) ? undefined : new Date(date - 1_000).toISOString();
}

/** The desk's newest activity, and when the server answered: where the first look starts from (what is on screen was just fetched). */
async function getNewestActivity(signal?: AbortSignal): Promise<ChangesCursor> {
  const { data: page, headers } = await apiResponse<TicketPage>('/tickets/', { signal, query: { ordering: '-last_activity_at', page_size: 1 } });
  return { newest: page.results[0]?.last_activity_at ?? NOTHING_YET, answeredAt: serverTime(headers), reported: {} };
}

const later = (one: string, other: string) => (Date.parse(one) >= Date.parse(other) ? one : other);

async function lookForChanges(queryClient: QueryClient, userId: number, signal: AbortSignal): Promise<ChangesCursor> {
  const cursor = queryClient.getQueryData<ChangesCursor>(ticketKeys.changes());
  if (!cursor) return getNewestActivity(signal);

  const from = cursor.answeredAt ? later(cursor.answeredAt, cursor.newest) : cursor.newest;
  const since = new Date(Date.parse(from) - CHANGES_OVERLAP_MS).toISOString();
  const { page, answeredAt } = await getChangedTickets(since, signal);
  const unseen = page.results.filter((ticket) => cursor.reported[ticket.id] !== ticket.last_activity_at);
  // More changed than one look takes in: what was not taken in could be anywhere.
  const deferred = page.count > page.results.length ? refreshAllTickets(queryClient) : applyTicketChanges(queryClient, unseen, userId);
  return {
    newest: page.results.reduce((newest, ticket) => later(ticket.last_activity_at, newest), cursor.newest),
    answeredAt,
    reported: Object.fromEntries(page.results.filter((ticket) => !deferred.has(ticket.id)).map((ticket) => [ticket.id, ticket.last_activity_at])),
  };
}

export function ticketChangesQueryOptions(userId: number) {
  return queryOptions({
    queryKey: ticketKeys.changes(),
    queryFn: ({ client, signal }) => lookForChanges(client, userId, signal),
    refetchInterval: CHANGES_POLL_MS,
    // A hidden tab does not poll (refetchIntervalInBackground stays off); shown again, it looks at once.
    refetchOnWindowFocus: 'always',
    staleTime: 0,
    // A failed look is simply the next one's to make.
    retry: false,
  });
}

/**
 * Keeps the open list and ticket of a signed-in agent fresh: every few seconds, one cheap
 * request asks which tickets changed since the last look (`updated_since`, answered from an
 * index when nothing did), and only what changed is merged or fetched again.
 */
export function useTicketChanges(userId: number | undefined) {
  return useQuery({ ...ticketChangesQueryOptions(userId ?? 0), enabled: userId !== undefined });
}
