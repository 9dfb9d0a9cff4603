import { focusManager, queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiResponse } from '../../../lib/api-client';
import type { Ticket, TicketPage } from '../types';
import { applyTicketChanges, refreshAllTickets } from './apply-ticket-changes';
import { ticketKeys } from './query-keys';
import { useChangeStream, type StreamedChanges } from './ticket-change-stream';

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
   * rounds away), if it said, or took the last look of the stream (its `looked_at`). A look
   * reaches back from this or `newest`, whichever is later: on a quiet desk the looks then
   * find nothing to send, instead of the same last tickets every time.
   */
  answeredAt?: string;
  /**
   * id → `last_activity_at` of the tickets taken in that a later look, or an event, may
   * report again, so a change is applied once although looks overlap (and a look and the
   * stream can bring the same one). Only what the next look could still return is kept.
   */
  reported: Record<number, string>;
  /** When (this tab's clock) the last look that answered began: a stream opened before it has nothing left to catch up on. */
  lookBegan: number;
}

/** One answer to "what changed?": a look's, or a `changes` event's on the stream. */
interface ChangesAnswer {
  /** Newest activity first, at most CHANGES_PAGE_SIZE. */
  results: readonly Ticket[];
  /** How many changed; more than `results` holds means "fetch everything again". */
  count: number;
  /** Up to when (less the overlap) every change has now been sent here, if the server said. */
  answeredAt?: string;
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
async function getNewestActivity(lookBegan: number, signal?: AbortSignal): Promise<ChangesCursor> {
  const { data: page, headers } = await apiResponse<TicketPage>('/tickets/', { signal, query: { ordering: '-last_activity_at', page_size: 1 } });
  return { newest: page.results[0]?.last_activity_at ?? NOTHING_YET, answeredAt: serverTime(headers), reported: {}, lookBegan };
}

const later = (one: string, other: string) => (Date.parse(one) >= Date.parse(other) ? one : other);

/** What the next look asks for: changes later than this. */
function reachBack({ newest, answeredAt }: Pick<ChangesCursor, 'newest' | 'answeredAt'>): string {
  const from = answeredAt ? later(answeredAt, newest) : newest;
  return new Date(Date.parse(from) - CHANGES_OVERLAP_MS).toISOString();
}

/**
 * Applies one answer to "what changed?" (a look's or the stream's) and says where the cursor
 * stands after it. Tickets already taken in at the same activity time are not applied again.
 * With `moveOn` false the answer's tickets are applied and remembered, but the cursor's
 * position stays: an answer that does not continue the looks (a stream's, before a look has
 * caught up on what happened while it was closed, or while a look is on its way) must not
 * make the next look skip what nobody has looked for yet.
 */
function takeInChanges(queryClient: QueryClient, userId: number, cursor: ChangesCursor, answer: ChangesAnswer, moveOn = true): ChangesCursor {
  const unseen = answer.results.filter((ticket) => cursor.reported[ticket.id] !== ticket.last_activity_at);
  // More changed than one answer holds: what was not taken in could be anywhere.
  const deferred = answer.count > answer.results.length ? refreshAllTickets(queryClient) : applyTicketChanges(queryClient, unseen, userId);
  const position = moveOn
    ? {
        newest: answer.results.reduce((newest, ticket) => later(ticket.last_activity_at, newest), cursor.newest),
        answeredAt: answer.answeredAt && cursor.answeredAt ? later(answer.answeredAt, cursor.answeredAt) : (answer.answeredAt ?? cursor.answeredAt),
      }
    : { newest: cursor.newest, answeredAt: cursor.answeredAt };
  // A deferred ticket is left out, for a later look to report again.
  const taken = answer.results.filter((ticket) => !deferred.has(ticket.id)).map((ticket) => [ticket.id, ticket.last_activity_at] as const);
  // What no later look can return any more is forgotten: `reported` holds no more than the overlap's changes.
  const oldestReturnable = Date.parse(reachBack(position));
  const reported = [...Object.entries(cursor.reported), ...taken].filter(([, at]) => Date.parse(at) > oldestReturnable);
  return { ...cursor, ...position, reported: Object.fromEntries(reported) };
}

async function lookForChanges(queryClient: QueryClient, userId: number, signal: AbortSignal): Promise<ChangesCursor> {
  const lookBegan = Date.now();
  const cursor = queryClient.getQueryData<ChangesCursor>(ticketKeys.changes());
  if (!cursor) return getNewestActivity(lookBegan, signal);

  const { page, answeredAt } = await getChangedTickets(reachBack(cursor), signal);
  // A look replaced by a newer one (the stream opened) leaves the applying to that one.
  signal.throwIfAborted();
  // Events may have taken in tickets meanwhile: the cursor as it is now, not as it was.
  const current = queryClient.getQueryData<ChangesCursor>(ticketKeys.changes()) ?? cursor;
  return { ...takeInChanges(queryClient, userId, current, { results: page.results, count: page.count, answeredAt }), lookBegan };
}

/** Whether the stream opened at `openedAt` brings the changes: it is open, and a look begun since then has answered. */
const streamCarries = (cursor: ChangesCursor | undefined, openedAt: number | undefined) => openedAt !== undefined && cursor !== undefined && cursor.lookBegan >= openedAt;

/**
 * A `changes` event from the stream opened at `openedAt`, taken in like a look's answer.
 * It moves the cursor on only once a look begun after the stream opened has answered (that
 * look caught up on what happened while it was closed) and while no look is on its way.
 * Before the first look has answered there is no cursor yet: the tickets are applied alone.
 */
export function takeInStreamedChanges(queryClient: QueryClient, userId: number, { lookedAt, count, results }: StreamedChanges, openedAt: number): void {
  const cursor = queryClient.getQueryData<ChangesCursor>(ticketKeys.changes());
  const moveOn = streamCarries(cursor, openedAt) && queryClient.isFetching({ queryKey: ticketKeys.changes() }) === 0;
  const next = takeInChanges(queryClient, userId, cursor ?? { newest: NOTHING_YET, reported: {}, lookBegan: 0 }, { results, count, answeredAt: lookedAt }, moveOn);
  if (cursor) queryClient.setQueryData(ticketKeys.changes(), next);
}

/** `streamOpenedAt`: since when the change stream has been open, if it is. */
export function ticketChangesQueryOptions(userId: number, streamOpenedAt?: number) {
  return queryOptions({
    queryKey: ticketKeys.changes(),
    queryFn: ({ client, signal }) => lookForChanges(client, userId, signal),
    // No polling while the stream brings the changes; from the moment it does not, every few seconds again.
    refetchInterval: (query) => (streamCarries(query.state.data, streamOpenedAt) ? false : CHANGES_POLL_MS),
    // A hidden tab does not poll (refetchIntervalInBackground stays off); shown again, it looks at once.
    refetchOnWindowFocus: 'always',
    staleTime: 0,
    // A failed look is simply the next one's to make (and the stream waits for one to answer).
    retry: false,
  });
}

/**
 * Keeps the open list and ticket of a signed-in agent fresh. The server pushes which tickets
 * changed over one stream per tab (Server-Sent Events), and only what changed is merged or
 * fetched again; while nothing changes, the tab costs nothing.
 *
 * Each time the stream opens (first, or again after it dropped), one look (`updated_since`,
 * from where the cursor stands) catches up on what happened while it was not open. While it
 * is not (connecting, dropped, refused: a server without the events service, an ended
 * session), the tab looks every few seconds instead, as before the stream existed; a look's
 * 401 then sends the person to sign in.
 *
 * A hidden tab keeps its stream (quiet, it costs nothing) but, as it does not poll, it takes
 * in nothing from it either: fetching in a tab nobody looks at would cost the server for
 * nothing. Shown again, it looks at once, from where the cursor stood when it was hidden.
 */
export function useTicketChanges(userId: number | undefined) {
  const queryClient = useQueryClient();
  const enabled = userId !== undefined;
  const streamOpenedAt = useChangeStream(enabled, {
    onOpen: () => {
      if (!focusManager.isFocused()) return;
      // A look already on its way may have been answered before the stream opened: a new one, at once.
      void queryClient.cancelQueries({ queryKey: ticketKeys.changes() }).then(() => queryClient.refetchQueries({ queryKey: ticketKeys.changes() }));
    },
    onChanges: (changes, openedAt) => {
      if (focusManager.isFocused() && userId !== undefined) takeInStreamedChanges(queryClient, userId, changes, openedAt);
    },
  });
  return useQuery({ ...ticketChangesQueryOptions(userId ?? 0, streamOpenedAt), enabled });
}
