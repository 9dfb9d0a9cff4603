import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANGES_OVERLAP_MS, CHANGES_POLL_MS } from '../features/tickets/api/get-ticket-changes';
import type { Ticket, TicketComment } from '../features/tickets/types';
import { isChangesPoll, makeListPage, makePage, makeTicket, stubApi, ticketListCalls, type ApiCall } from '../test/fake-api';
import { renderApp } from '../test/render';

// Someone else works the desk while the page is open: the server below is theirs to change.
interface Desk {
  tickets: Ticket[];
  comments: Record<number, TicketComment[]>;
}

const at = (minute: number) => `2026-11-25T09:${String(minute).padStart(2, '0')}:00Z`;

/**
 * The desk as the API shows it: the list with its view filters, `updated_since`, the newest-activity order; a ticket and its conversation.
 * With `clock`, the list's answers carry the server's `Date`, as gunicorn and nginx send it.
 */
function serveDesk(desk: Desk, clock?: () => number): ApiCall[] {
  return stubApi((call) => {
    if (call.path === '/api/tickets/') {
      const since = call.query.get('updated_since');
      const waiting = call.query.get('waiting');
      let rows = desk.tickets.filter((ticket) => (!since || Date.parse(ticket.last_activity_at) > Date.parse(since)) && (!waiting || ticket.waiting_on === waiting));
      if (call.query.get('ordering') === '-last_activity_at') rows = rows.toSorted((one, other) => Date.parse(other.last_activity_at) - Date.parse(one.last_activity_at));
      if (call.query.get('ordering') === 'last_customer_message_at') rows = rows.toSorted((one, other) => Date.parse(one.last_customer_message_at) - Date.parse(other.last_customer_message_at));
      const answered = clock ? { headers: { Date: new Date(clock()).toUTCString() } } : {};
      return { body: makePage(rows.slice(0, Number(call.query.get('page_size') ?? 20)), { count: rows.length }), ...answered };
    }
    const [, id, rest] = call.path.match(/^\/api\/tickets\/(\d+)\/(.*)$/) ?? [];
    const ticket = desk.tickets.find((candidate) => candidate.id === Number(id));
    if (ticket && rest === '') return { body: ticket };
    if (ticket && rest === 'comments/') return { body: makeListPage(desk.comments[ticket.id] ?? []) };
    if (ticket && rest === 'history/') return { body: makeListPage([]) };
    if (call.path === '/api/tickets/assignees/') return { body: [] };
    if (call.path === '/api/tickets/stats/') return { body: { total_tickets: desk.tickets.length } };
    return { status: 404, body: { message: 'Not found.' } };
  });
}

/** Another person's change reaching the server: the ticket as it is now. */
function change(desk: Desk, id: number, fields: Partial<Ticket>) {
  desk.tickets = desk.tickets.map((ticket) => (ticket.id === id ? { ...ticket, ...fields } : ticket));
}

/** The customer writes on ticket `id` at `minute`. */
function customerWrites(desk: Desk, id: number, minute: number, body: string) {
  change(desk, id, { last_activity_at: at(minute), last_customer_message_at: at(minute), waiting_on: 'us' });
  desk.comments[id] = [...(desk.comments[id] ?? []), { id: 100 + minute, author: { kind: 'customer', name: 'Ana Lima' }, body, internal: false, created_at: at(minute) }];
}

async function nextLook() {
  await act(async () => {
    vi.advanceTimersByTime(CHANGES_POLL_MS);
  });
}

const polls = (calls: ApiCall[]) => calls.filter(isChangesPoll);
const listPageCalls = (calls: ApiCall[]) => ticketListCalls(calls).length;

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('an open list follows changes made elsewhere', () => {
  it('asks only for what changed since the newest activity it knows, minus the overlap, and merges a changed row in place', async () => {
    const desk: Desk = {
      tickets: [
        makeTicket({ id: 1, title: 'Refund please', requester_name: 'Ana Lima', created_at: at(0), last_activity_at: at(0), last_customer_message_at: at(0) }),
        makeTicket({ id: 2, title: 'Login loop', created_at: at(1), last_activity_at: at(1), last_customer_message_at: at(1) }),
      ],
      comments: {},
    };
    const calls = serveDesk(desk);
    renderApp('/?view=all');
    const row = (await screen.findByRole('link', { name: 'Refund please' })).closest('li')!;
    expect(within(row).getByText(/^Opened ·/)).toBeInTheDocument();
    await waitFor(() => expect(polls(calls)).toHaveLength(1));
    const pagesBefore = listPageCalls(calls);

    customerWrites(desk, 1, 20, 'Any news?');
    await nextLook();
    await waitFor(() => expect(within(row).getByText(/^Ana Lima replied ·/)).toBeInTheDocument());
    const look = polls(calls)[1].query;
    expect(look.get('updated_since')).toBe(new Date(Date.parse(at(1)) - CHANGES_OVERLAP_MS).toISOString());
    expect(look.get('ordering')).toBe('-last_activity_at');
    // Newest first by creation: a reply moves neither the order nor the count, so the page is not asked again.
    expect(listPageCalls(calls)).toBe(pagesBefore);

    await nextLook();
    expect(polls(calls)[2].query.get('updated_since')).toBe(new Date(Date.parse(at(20)) - CHANGES_OVERLAP_MS).toISOString());
    expect(listPageCalls(calls)).toBe(pagesBefore);
  });

  it("reaches back from the server's time of the last answer once that is later than the newest activity, so a quiet desk's looks find nothing", async () => {
    const desk: Desk = { tickets: [makeTicket({ id: 1, title: 'Quiet since', requester_name: 'Ana Lima', created_at: at(0), last_activity_at: at(0), last_customer_message_at: at(0) })], comments: {} };
    // The server's clock an hour after the desk's last activity, at 12.7 s past the minute: the header says 12 s.
    const answeredAt = Date.parse('2026-11-25T10:00:12.700Z');
    const calls = serveDesk(desk, () => answeredAt);
    renderApp('/?view=all');
    await screen.findByRole('link', { name: 'Quiet since' });
    await waitFor(() => expect(polls(calls)).toHaveLength(1));

    // The first look (the desk's newest activity) was answered at that time already.
    await nextLook();
    await waitFor(() => expect(polls(calls)).toHaveLength(2));
    // Rounded down to the second by the header, a second taken off for that, then the overlap.
    const expected = Date.parse('2026-11-25T10:00:11Z') - CHANGES_OVERLAP_MS;
    expect(polls(calls)[1].query.get('updated_since')).toBe(new Date(expected).toISOString());

    // A change that began a second before that answer and committed after it is still found.
    const reply = '2026-11-25T10:00:11.500Z';
    change(desk, 1, { last_activity_at: reply, last_customer_message_at: reply, waiting_on: 'us' });
    await nextLook();
    expect(await screen.findByText(/^Ana Lima replied ·/)).toBeInTheDocument();
  });

  it('asks for the page again when a ticket joins the view, and applies each change once although looks overlap', async () => {
    const desk: Desk = {
      tickets: [
        makeTicket({ id: 1, title: 'Waited longest', created_at: at(0), last_activity_at: at(0), last_customer_message_at: at(0) }),
        makeTicket({ id: 2, title: 'Answered already', created_at: at(1), last_activity_at: at(5), last_customer_message_at: at(1), waiting_on: 'customer' }),
      ],
      comments: {},
    };
    const calls = serveDesk(desk);
    renderApp('/');
    await screen.findByRole('link', { name: 'Waited longest' });
    expect(screen.queryByRole('link', { name: 'Answered already' })).not.toBeInTheDocument();
    await waitFor(() => expect(polls(calls)).toHaveLength(1));
    const pagesBefore = listPageCalls(calls);

    customerWrites(desk, 2, 21, 'That did not help.');
    await nextLook();
    expect(await screen.findByRole('link', { name: 'Answered already' })).toBeInTheDocument();
    const rows = within(screen.getByRole('list', { name: 'Waiting on us' })).getAllByRole('listitem');
    expect(rows.map((item) => within(item).getAllByRole('link')[0].textContent)).toEqual(['Waited longest', 'Answered already']);
    expect(listPageCalls(calls)).toBe(pagesBefore + 1);

    // The next look still reports it (the overlap): nothing is asked again for it.
    await nextLook();
    await waitFor(() => expect(polls(calls)).toHaveLength(3));
    expect(listPageCalls(calls)).toBe(pagesBefore + 1);
  });

  it('asks for the page again when a ticket leaves the view; the figures follow too', async () => {
    const desk: Desk = {
      tickets: [makeTicket({ id: 1, title: 'Soon answered', created_at: at(0), last_activity_at: at(0), last_customer_message_at: at(0) })],
      comments: {},
    };
    const calls = serveDesk(desk);
    renderApp('/');
    await screen.findByRole('link', { name: 'Soon answered' });
    await waitFor(() => expect(polls(calls)).toHaveLength(1));
    const statsBefore = calls.filter((call) => call.path === '/api/tickets/stats/').length;

    change(desk, 1, { last_activity_at: at(30), waiting_on: 'customer' });
    await nextLook();
    expect(await screen.findByText('Nothing is waiting on us: every open ticket has had an answer.')).toBeInTheDocument();
    expect(calls.filter((call) => call.path === '/api/tickets/stats/').length).toBeGreaterThan(statsBefore);
  });

  it("asks for the queue's counts again when a look reports a change, not on a timer", async () => {
    const desk: Desk = { tickets: [makeTicket({ id: 1, title: 'Steady', created_at: at(0), last_activity_at: at(0), last_customer_message_at: at(0) })], comments: {} };
    const calls = serveDesk(desk);
    renderApp('/');
    await screen.findByRole('link', { name: 'Steady' });
    await waitFor(() => expect(polls(calls)).toHaveLength(1));
    const statsCalls = () => calls.filter((call) => call.path === '/api/tickets/stats/').length;
    const before = statsCalls();
    for (let look = 0; look < 10; look++) await nextLook();
    expect(statsCalls()).toBe(before);
  });

  it('asks for everything again when more changed than one look takes in', async () => {
    const desk: Desk = { tickets: [makeTicket({ id: 1, title: 'Only one', created_at: at(0), last_activity_at: at(0), last_customer_message_at: at(0) })], comments: {} };
    const calls = serveDesk(desk);
    renderApp('/?view=all');
    await screen.findByRole('link', { name: 'Only one' });
    await waitFor(() => expect(polls(calls)).toHaveLength(1));
    const pagesBefore = listPageCalls(calls);
    desk.tickets = Array.from({ length: 150 }, (_, index) => makeTicket({ id: 1000 + index, title: `Imported ${index}`, created_at: at(40), last_activity_at: at(40), last_customer_message_at: at(40) }));

    await nextLook();
    expect(await screen.findByRole('link', { name: 'Imported 0' })).toBeInTheDocument();
    expect(listPageCalls(calls)).toBe(pagesBefore + 1);
  });

  it('keeps rows in their places while the focus is in the list, and moves them once it leaves', async () => {
    const desk: Desk = {
      tickets: [
        makeTicket({ id: 1, title: 'First in line', created_at: at(0), last_activity_at: at(0), last_customer_message_at: at(0) }),
        makeTicket({ id: 2, title: 'Second in line', created_at: at(1), last_activity_at: at(1), last_customer_message_at: at(1) }),
      ],
      comments: {},
    };
    const calls = serveDesk(desk);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderApp('/');
    const second = await screen.findByRole('link', { name: 'Second in line' });
    await waitFor(() => expect(polls(calls)).toHaveLength(1));
    second.focus();

    // A colleague answers the first ticket: it leaves "Waiting on us".
    change(desk, 1, { last_activity_at: at(30), waiting_on: 'customer' });
    await nextLook();
    expect(await screen.findByText('The list has changed: it moves once you leave it.')).toBeInTheDocument();
    const first = screen.getByRole('link', { name: 'First in line' }).closest('li')!;
    expect(within(first).getByText('No longer in this view')).toBeInTheDocument();
    expect(second).toHaveFocus();

    await user.click(screen.getByLabelText('Search'));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'First in line' })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'Second in line' })).toBeInTheDocument();
    expect(screen.queryByText(/The list has changed/)).not.toBeInTheDocument();
  });

  it('does not look while the tab is hidden, and looks at once when it is shown again', async () => {
    const desk: Desk = { tickets: [makeTicket({ id: 1, title: 'Quiet', created_at: at(0), last_activity_at: at(0), last_customer_message_at: at(0) })], comments: {} };
    const calls = serveDesk(desk);
    renderApp('/');
    await screen.findByRole('link', { name: 'Quiet' });
    await waitFor(() => expect(polls(calls)).toHaveLength(1));

    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    await nextLook();
    await nextLook();
    await nextLook();
    expect(polls(calls)).toHaveLength(1);

    customerWrites(desk, 1, 50, 'Hello?');
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    await waitFor(() => expect(polls(calls)).toHaveLength(2));
    const row = screen.getByRole('link', { name: 'Quiet' }).closest('li')!;
    expect(await within(row).findByText(/^Ana Lima replied ·|^The customer replied ·/)).toBeInTheDocument();
  });
});

describe('an open ticket follows changes made elsewhere', () => {
  it("shows the customer's new message and a colleague's change, leaving the reply being typed and the edit form's draft alone", async () => {
    const desk: Desk = {
      tickets: [makeTicket({ id: 7, title: 'Printer on fire', description: 'Smoke everywhere', created_at: at(0), last_activity_at: at(0), last_customer_message_at: at(0) })],
      comments: { 7: [] },
    };
    const calls = serveDesk(desk);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderApp('/tickets/7');
    await screen.findByRole('heading', { level: 1, name: 'Printer on fire' });
    await waitFor(() => expect(polls(calls)).toHaveLength(1));
    const editTitle = within(screen.getByRole('form', { name: 'Edit text' })).getByLabelText('Title');
    await user.clear(editTitle);
    await user.type(editTitle, 'Printer smoking');
    await user.type(screen.getByLabelText('Message'), 'We are sending someone');

    customerWrites(desk, 7, 12, 'It is getting worse.');
    change(desk, 7, { priority: 'critical', updated_at: at(12) });
    await nextLook();
    expect(await screen.findByText('It is getting worse.')).toBeInTheDocument();
    expect(screen.getByText('New message from Ana Lima.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText(/^Priority/)).toHaveValue('critical'));
    expect(screen.getByLabelText('Message')).toHaveValue('We are sending someone');
    expect(editTitle).toHaveValue('Printer smoking');
  });
});
