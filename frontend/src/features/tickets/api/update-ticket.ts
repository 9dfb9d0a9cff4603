import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { statsKeys } from '../../../lib/query-keys';
import type { Ticket, TicketChanges } from '../types';
import { getTicket } from './get-ticket';
import { ownLatestVersion, recordOwnSave } from './own-versions';
import { ticketKeys } from './query-keys';
import { readCachedTicket, writeTicketToCache } from './ticket-cache';
import { path } from '../../../lib/urls';

/** The API's ETag for a ticket is its `updated_at` in double quotes. */
export function etagOf(ticket: Pick<Ticket, 'updated_at'>): string {
  return `"${ticket.updated_at}"`;
}

export function updateTicket(id: number, changes: TicketChanges, ifMatch: string): Promise<Ticket> {
  return apiRequest<Ticket>(path`/tickets/${id}/`, {
    method: 'PATCH',
    body: changes,
    headers: { 'If-Match': ifMatch },
  });
}

/** A save refused because someone else changed the ticket first; carries what it was and is now. */
export class EditConflictError extends Error {
  readonly seen: Ticket;
  readonly current: Ticket;

  constructor(seen: Ticket, current: Ticket) {
    super('Someone else changed this ticket, so your change was not saved.');
    this.name = 'EditConflictError';
    this.seen = seen;
    this.current = current;
  }
}

export interface UpdateTicketVariables {
  /** The ticket as the user saw it when starting the change: its version is the one sent. */
  ticket: Ticket;
  changes: TicketChanges;
  /** How the ticket looks once saved, where `changes` alone cannot say (assignee_id → assignee). */
  preview?: Partial<Ticket>;
}

/** The ticket as it will look after the change, shown before the server confirms it. */
function applyChanges(ticket: Ticket, { assignee_id: _assigneeId, ...fields }: TicketChanges, preview: Partial<Ticket> = {}): Ticket {
  return { ...ticket, ...fields, ...preview };
}

const updateKey = (id: number) => [...ticketKeys.detail(id), 'update'] as const;

/** Whether an edit of this ticket made here is still on its way: its optimistic copy is on screen. */
export function isSavingTicket(queryClient: QueryClient, id: number): boolean {
  return queryClient.isMutating({ mutationKey: updateKey(id) }) > 0;
}

async function saveChanges(queryClient: QueryClient, { ticket, changes }: UpdateTicketVariables): Promise<Ticket> {
  // Edits of one ticket run one after another (same mutation scope); by the time this one
  // runs, an earlier save of ours may have moved the version. Never the cache's newest copy:
  // a background refetch may have brought someone else's change the person has not reviewed.
  const version = ownLatestVersion(queryClient, ticket.id, ticket.updated_at);
  try {
    const saved = await updateTicket(ticket.id, changes, etagOf({ updated_at: version }));
    recordOwnSave(queryClient, ticket.id, version, saved.updated_at);
    return saved;
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      throw new EditConflictError(ticket, await getTicket(ticket.id));
    }
    throw error;
  }
}

/**
 * Changes a ticket optimistically: every cached copy shows the change at once, a failure
 * puts back what was there (or, after a conflict, what the server now holds).
 */
export function useUpdateTicket(ticketId: number) {
  const queryClient = useQueryClient();
  return useMutation<Ticket, Error, UpdateTicketVariables, Ticket>({
    mutationKey: updateKey(ticketId),
    scope: { id: `ticket-${ticketId}` },
    mutationFn: (variables) => saveChanges(queryClient, variables),
    onMutate: async ({ ticket, changes, preview }) => {
      await queryClient.cancelQueries({ queryKey: ticketKeys.all });
      const previous = readCachedTicket(queryClient, ticket.id) ?? ticket;
      writeTicketToCache(queryClient, applyChanges(previous, changes, preview));
      return previous;
    },
    onSuccess: (saved) => writeTicketToCache(queryClient, saved),
    onError: (error, { ticket }, previous) => {
      writeTicketToCache(queryClient, error instanceof EditConflictError ? error.current : (previous ?? ticket));
    },
    onSettled: () => {
      // Refetching while another edit of this ticket is still in flight would briefly
      // show the server's older value over that edit's optimistic one.
      if (queryClient.isMutating({ mutationKey: updateKey(ticketId) }) > 1) return;
      // The ticket, its history (a new entry), the lists and the figures.
      void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
      void queryClient.invalidateQueries({ queryKey: statsKeys.all });
    },
  });
}
