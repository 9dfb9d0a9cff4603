import { useState, type FocusEvent } from 'react';
import type { Ticket } from './types';

interface HeldRows {
  /** The list they belong to: another list (a filter, a page) holds nothing of this one. */
  listKey: string;
  tickets: Ticket[];
}

const sameOrder = (held: readonly Ticket[], rows: readonly Ticket[]) =>
  held.length === rows.length && held.every((ticket, index) => rows[index].id === ticket.id);

/**
 * The rows a list shows. While the person works inside the list (the focus is in it), the
 * rows keep their places: each shows its newest version, a row that left the list stays (as
 * it was last seen, `hasLeft` says so) and newcomers wait, until the focus leaves the list. Moving a row would move what they read, and
 * take the focus from a control in it (a select then applies what it was browsing).
 */
export function useSteadyRows(rows: readonly Ticket[], listKey: string) {
  const [held, setHeld] = useState<HeldRows | null>(null);
  const [lastRows, setLastRows] = useState(rows);

  if (held && held.listKey !== listKey) {
    setHeld(null);
  } else if (rows !== lastRows) {
    setLastRows(rows);
    if (held) setHeld({ listKey, tickets: held.tickets.map((ticket) => rows.find((row) => row.id === ticket.id) ?? ticket) });
  }

  const current = held?.listKey === listKey ? held : null;
  return {
    rows: current ? current.tickets : rows,
    /** Whether a row on screen is one that has left the list meanwhile. */
    hasLeft: (ticket: Ticket) => current !== null && !rows.some((row) => row.id === ticket.id),
    /** The list has changed (order, members) and waits for the focus to leave it. */
    changedMeanwhile: current !== null && !sameOrder(current.tickets, rows),
    listProps: {
      onFocus() {
        if (!current) setHeld({ listKey, tickets: [...rows] });
      },
      onBlur(event: FocusEvent<HTMLElement>) {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setHeld(null);
      },
    },
  };
}
