// The placeholders a canned reply may hold, filled in for the ticket being answered before
// the text lands in the reply box, as the server does for a comment sent with `reply_id`
// (ticketsvc/replies/placeholders.py): in one pass, so a title holding "{{agent.name}}"
// stays as written, and any other {{…}} is left alone.

/** What {{customer.name}} becomes when the customer gave no name: "Hello there,". */
export const NAMELESS_CUSTOMER = 'there';

export const PLACEHOLDERS = ['{{ticket.id}}', '{{ticket.title}}', '{{customer.name}}', '{{agent.name}}'] as const;

const PLACEHOLDER = /\{\{(ticket\.id|ticket\.title|customer\.name|agent\.name)\}\}/g;

/** What the placeholders need to know of the ticket. */
export interface AnsweredTicket {
  id: number;
  title: string;
  requester_name: string | null;
}

export function fillPlaceholders(body: string, ticket: AnsweredTicket, agentName: string): string {
  const values: Record<string, string> = {
    'ticket.id': String(ticket.id),
    'ticket.title': ticket.title,
    'customer.name': ticket.requester_name || NAMELESS_CUSTOMER,
    'agent.name': agentName,
  };
  return body.replace(PLACEHOLDER, (_placeholder, name: string) => values[name]);
}
