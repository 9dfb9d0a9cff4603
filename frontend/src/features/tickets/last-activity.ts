import type { Ticket } from './types';

/** Who asked, as the list can name them: their name, else their address. */
export function requesterOf(ticket: Pick<Ticket, 'requester_name' | 'requester_email'>): string | null {
  return ticket.requester_name ?? ticket.requester_email;
}

/**
 * What happened last on a ticket, in words, from its own times: the list does not say who made
 * a change or wrote a note, so anything but the customer's message is "Updated".
 */
export function lastActivityOf(ticket: Ticket): string {
  if (ticket.last_activity_at === ticket.created_at) return 'Opened';
  if (ticket.last_activity_at === ticket.last_customer_message_at) return `${requesterOf(ticket) ?? 'The customer'} replied`;
  return 'Updated';
}
