import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../lib/labels';
import type { Ticket } from './types';

export interface FieldChange {
  field: string;
  from: string;
  to: string;
  /** Text people typed (shown in quotes), as opposed to a label of the app's. */
  quoted: boolean;
}

const DESCRIBED: { field: string; quoted: boolean; read: (ticket: Ticket) => string }[] = [
  { field: 'Title', quoted: true, read: (ticket) => ticket.title },
  { field: 'Description', quoted: true, read: (ticket) => ticket.description },
  { field: 'Status', quoted: false, read: (ticket) => STATUS_LABELS[ticket.status] },
  { field: 'Category', quoted: false, read: (ticket) => CATEGORY_LABELS[ticket.category] },
  { field: 'Priority', quoted: false, read: (ticket) => PRIORITY_LABELS[ticket.priority] },
  { field: 'Assignee', quoted: false, read: (ticket) => ticket.assignee?.name ?? 'Unassigned' },
];

/** What differs between two versions of a ticket, field by field, in people's words. */
export function changesBetween(before: Ticket, after: Ticket): FieldChange[] {
  return DESCRIBED.map(({ field, quoted, read }) => ({ field, quoted, from: read(before), to: read(after) })).filter(
    (change) => change.from !== change.to,
  );
}
