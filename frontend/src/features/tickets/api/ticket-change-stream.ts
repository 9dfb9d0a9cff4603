import { useEffect, useEffectEvent, useState } from 'react';
import type { Ticket } from '../types';

/**
 * The server's push channel (Server-Sent Events). Same origin, so the session cookie goes
 * along; agents and admins get the stream, anyone else 401/403, and a server without the
 * events service (gunicorn alone, as `make run` starts it) no stream either (204 or 404).
 */
export const CHANGE_STREAM_URL = '/api/events/';

/**
 * How long after the browser gave up on the stream (an answer that was not a stream) it is
 * tried again: a server without the events service then costs one failed request a minute.
 * A stream that merely dropped (sleep, deploy, the server ending it after ten minutes) is
 * reopened by EventSource itself, after the server's `retry`.
 */
export const STREAM_RETRY_MS = 60_000;

/** One `changes` event: the tickets whose last activity changed since the server's previous look on this stream. */
export interface StreamedChanges {
  /** The database's time of the server's look: every change earlier than this, less the overlap, has been sent since the stream opened. */
  lookedAt: string;
  /** How many changed; more than `results` holds means "fetch everything again". */
  count: number;
  /** Newest activity first, as a look's `results`; empty on the keep-alive sent while nothing changes. */
  results: Ticket[];
}

const isTime = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** An event's `data` as StreamedChanges, or undefined if it is not what the protocol says. */
export function parseStreamedChanges(data: unknown): StreamedChanges | undefined {
  let body: unknown;
  try {
    body = typeof data === 'string' ? JSON.parse(data) : undefined;
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { looked_at: lookedAt, count, results } = body as Record<string, unknown>;
  if (!isTime(lookedAt) || typeof count !== 'number' || !Array.isArray(results)) return undefined;
  // Each ticket is applied by id and activity time: one without them could not be.
  const tickets = results as unknown[];
  const wellFormed = tickets.every((ticket) => typeof ticket === 'object' && ticket !== null && typeof (ticket as Ticket).id === 'number' && isTime((ticket as Ticket).last_activity_at));
  return wellFormed ? { lookedAt, count, results: results as Ticket[] } : undefined;
}

export interface ChangeStreamHandlers {
  /** The stream is open, first or again, since `openedAt` (this tab's clock): what happened while it was not has to be looked for. */
  onOpen: (openedAt: number) => void;
  /** A well-formed `changes` event from the stream opened at `openedAt`. */
  onChanges: (changes: StreamedChanges, openedAt: number) => void;
}

/**
 * While `enabled`, keeps one EventSource on the change stream, and says since when (this
 * tab's clock) it has been open: undefined while it is not (connecting, dropped, refused, or
 * a browser without EventSource), when the caller has to look for changes itself. Malformed
 * events are left aside; the stream goes on.
 */
export function useChangeStream(enabled: boolean, handlers: ChangeStreamHandlers): number | undefined {
  const [openedAt, setOpenedAt] = useState<number>();
  const onOpen = useEffectEvent(handlers.onOpen);
  const onChanges = useEffectEvent(handlers.onChanges);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource;
    let opened: number | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      source = new EventSource(CHANGE_STREAM_URL);
      source.addEventListener('open', () => {
        opened = Date.now();
        setOpenedAt(opened);
        onOpen(opened);
      });
      source.addEventListener('changes', (event) => {
        const changes = parseStreamedChanges(event.data);
        if (changes && opened !== undefined) onChanges(changes, opened);
      });
      source.addEventListener('error', () => {
        opened = undefined;
        setOpenedAt(undefined);
        // CONNECTING: the stream dropped and EventSource reopens it by itself. CLOSED: the
        // answer was not a stream (401, 403, 204, 404, an error page) and EventSource gave up.
        if (source.readyState === EventSource.CLOSED) retry = setTimeout(connect, STREAM_RETRY_MS);
      });
    };
    connect();
    return () => {
      clearTimeout(retry);
      source.close();
      setOpenedAt(undefined);
    };
  }, [enabled]);

  return enabled ? openedAt : undefined;
}
