import { CATEGORIES, PRIORITIES, STATUSES } from '../../lib/enums';
import { CATEGORY_LABELS, PRIORITY_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../../lib/labels';
import type { HistoryActor, HistoryEntry } from './types';

const FIELD_NAMES: Record<string, string> = {
  status: 'status',
  category: 'category',
  priority: 'priority',
  title: 'title',
  description: 'description',
  assignee: 'assignee',
  assignee_id: 'assignee',
  requester_name: 'requester name',
  requester_email: 'requester email',
  suggested_category: 'suggested category',
  suggested_priority: 'suggested priority',
  classification_source: 'classification source',
};

function enumLabel(labels: Record<string, string>, allowed: readonly string[], value: unknown): string | null {
  return typeof value === 'string' && allowed.includes(value) ? labels[value] : null;
}

function describeValue(field: string, value: unknown, assigneeNames: ReadonlyMap<number, string>): string {
  if (field === 'assignee' || field === 'assignee_id') {
    if (value === null || value === undefined) return 'Unassigned';
    return assigneeNames.get(Number(value)) ?? `#${String(value)}`;
  }
  if (value === null || value === undefined || value === '') return 'none';
  const label =
    (field.endsWith('status') && enumLabel(STATUS_LABELS, STATUSES, value)) ||
    (field.endsWith('category') && enumLabel(CATEGORY_LABELS, CATEGORIES, value)) ||
    (field.endsWith('priority') && enumLabel(PRIORITY_LABELS, PRIORITIES, value)) ||
    (field === 'classification_source' && enumLabel(SOURCE_LABELS, Object.keys(SOURCE_LABELS), value));
  if (label) return label;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return field === 'title' ? `“${String(value)}”` : String(value);
}

/** "priority Medium → High, assignee Unassigned → Dana"; long text (the description) by name only. */
function describeChanges(changes: HistoryEntry['changes'], assigneeNames: ReadonlyMap<number, string>): string {
  return Object.entries(changes)
    .map(([field, [from, to]]) => {
      const name = FIELD_NAMES[field] ?? field.replace(/_/g, ' ');
      if (field === 'description') return name;
      return `${name} ${describeValue(field, from, assigneeNames)} → ${describeValue(field, to, assigneeNames)}`;
    })
    .join(', ');
}

function actorName(actor: HistoryActor): string {
  return actor.kind === 'customer' ? 'Customer' : actor.name;
}

/**
 * One history entry as a sentence: "Dana changed priority Medium → High", "Customer replied",
 * "Dana added an internal note", "Created by customer".
 */
export function describeHistoryEntry(entry: HistoryEntry, assigneeNames: ReadonlyMap<number, string> = new Map()): string {
  const who = actorName(entry.actor);
  switch (entry.action) {
    case 'created':
      return `Created by ${entry.actor.kind === 'customer' ? 'customer' : who}`;
    case 'commented':
      return entry.changes.internal?.[1] === true ? `${who} added an internal note` : `${who} replied`;
    case 'reclassified':
      return `${who} reclassified: ${describeChanges(entry.changes, assigneeNames)}`;
    case 'changed':
      return `${who} changed ${describeChanges(entry.changes, assigneeNames)}`;
    default:
      return `${who}: ${String(entry.action)}`;
  }
}
