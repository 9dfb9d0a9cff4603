import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../test/fake-api';
import { parseListParams } from './use-ticket-list-params';
import { changeMayReshapeList } from './view-membership';

const ME = 3;
const list = (query: string) => parseListParams(new URLSearchParams(query));
const customerReplied = { last_activity_at: '2026-11-25T10:00:00Z', last_customer_message_at: '2026-11-25T10:00:00Z' };

describe('whether a change may reshape a list page', () => {
  const shown = makeTicket({ id: 1, assignee: { id: ME, name: 'Dana' } });

  it('not for a row that stays in the view and keeps its place: merging it is enough', () => {
    const current = { ...shown, ...customerReplied };
    expect(changeMayReshapeList(list('view=mine'), [shown], current, shown, ME)).toBe(false);
    expect(changeMayReshapeList(list('view=all&ordering=-priority'), [shown], { ...current, status: 'in_progress' }, shown, ME)).toBe(false);
  });

  it('for a row whose value of the order moved', () => {
    expect(changeMayReshapeList(list(''), [shown], { ...shown, ...customerReplied }, shown, ME)).toBe(true);
    expect(changeMayReshapeList(list('view=all&ordering=-priority'), [shown], { ...shown, priority: 'high' }, shown, ME)).toBe(true);
  });

  it('for a row that left the view', () => {
    expect(changeMayReshapeList(list(''), [shown], { ...shown, waiting_on: 'customer' }, shown, ME)).toBe(true);
    expect(changeMayReshapeList(list('view=mine'), [shown], { ...shown, assignee: { id: 4, name: 'Lee' } }, shown, ME)).toBe(true);
    expect(changeMayReshapeList(list('view=all&category=billing'), [{ ...shown, category: 'billing' }], shown, shown, ME)).toBe(true);
  });

  it('for a ticket off the page that now belongs to the view, or whose earlier state is unknown', () => {
    const other = makeTicket({ id: 2, assignee: null });
    expect(changeMayReshapeList(list('view=unassigned'), [shown], other, undefined, ME)).toBe(true);
    expect(changeMayReshapeList(list('view=mine'), [shown], other, undefined, ME)).toBe(true);
  });

  it('not for a ticket off the page that neither was nor is in the view', () => {
    const other = makeTicket({ id: 2, assignee: null, status: 'resolved', waiting_on: null });
    expect(changeMayReshapeList(list('view=mine'), [shown], { ...other, status: 'closed' }, other, ME)).toBe(false);
    expect(changeMayReshapeList(list(''), [shown], { ...other, priority: 'high' }, other, ME)).toBe(false);
  });

  it('always under a search, which the server matches in places the page does not hold', () => {
    expect(changeMayReshapeList(list('view=all&search=refund'), [shown], { ...shown, status: 'in_progress' }, shown, ME)).toBe(true);
  });
});
