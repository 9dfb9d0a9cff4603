import { describe, expect, it } from 'vitest';
import { describeHistoryEntry } from './history-sentences';
import type { HistoryEntry } from './types';

const AT = '2026-11-25T09:00:00Z';
const DANA = { kind: 'agent', id: 3, name: 'Dana' } as const;
const entry = (overrides: Partial<HistoryEntry>): HistoryEntry => ({ id: 1, at: AT, actor: DANA, action: 'changed', changes: {}, ...overrides });

describe('describeHistoryEntry', () => {
  it.each<[string, Partial<HistoryEntry>, string]>([
    ['an agent creating', { action: 'created', changes: { status: [null, 'open'] } }, 'Created by Dana'],
    ['a customer creating', { action: 'created', actor: { kind: 'customer' } }, 'Created by customer'],
    ['a change of several fields', { changes: { status: ['open', 'in_progress'], category: ['general', 'billing'] } }, 'Dana changed status Open → In progress, category General → Billing'],
    ['a customer reopening by replying', { actor: { kind: 'customer' }, changes: { status: ['resolved', 'open'] } }, 'Customer changed status Resolved → Open'],
    ['a new title, quoted', { changes: { title: ['Old', 'New'] } }, 'Dana changed title “Old” → “New”'],
    ['a new description, by name only', { changes: { description: ['long…', 'longer…'] } }, 'Dana changed description'],
    ['an assignee nobody knows any more', { changes: { assignee: [3, 7] } }, 'Dana changed assignee Dana → #7'],
    ['a public reply', { action: 'commented', changes: { comment_id: [null, 7], internal: [null, false] } }, 'Dana replied'],
    ['an internal note', { action: 'commented', changes: { comment_id: [null, 8], internal: [null, true] } }, 'Dana added an internal note'],
    [
      'a reclassification that moved the ticket',
      {
        action: 'reclassified',
        actor: { kind: 'system', name: 'flask tickets reclassify --apply' },
        changes: { suggested_category: ['general', 'billing'], classification_source: ['fallback', 'gemini'], category: ['general', 'billing'] },
      },
      'flask tickets reclassify --apply reclassified: suggested category General → Billing, classification source offline rules → Gemini, category General → Billing',
    ],
  ])('%s', (_case, overrides, expected) => {
    expect(describeHistoryEntry(entry(overrides), new Map([[3, 'Dana']]))).toBe(expected);
  });
});
