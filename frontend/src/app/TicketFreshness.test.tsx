import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueryClient } from '@tanstack/react-query';
import { authKeys } from '../features/auth/api/query-keys';
import { CHANGES_OVERLAP_MS, CHANGES_POLL_MS, type ChangesCursor } from '../features/tickets/api/get-ticket-changes';
import { ticketKeys } from '../features/tickets/api/query-keys';
import { STREAM_RETRY_MS } from '../features/tickets/api/ticket-change-stream';
import type { Ticket, TicketComment } from '../features/tickets/types';
import { deferred, isChangesPoll, makeListPage, makePage, makeTicket, stubApi, ticketListCalls, type ApiCall } from '../test/fake-api';
import { stubEventSource, type FakeEventSource } from '../test/fake-event-source';
import { renderApp } from '../test/render';

// Someone else works the desk while the page is open: the server below is theirs to change.
interface Desk {
  tickets: Ticket[];
  comments: Record<number, TicketComment[]>;
  /** While set, a look for changes waits for it before the server answers. */
  looksHeld?: Promise<void>;
  /** While set, a look for changes is answered 503 (a deploy, say). */
  looksFail?: boolean;
}

const at = (minute: number) => `2026-11-25T09:${String(minute).padStart(2, '0')}:00Z`;

/**
 * The desk as the API shows it: the list with its view filters, `updated_since`, the newest-activity order; a ticket and its conversation.
 * With `clock`, the list's answers carry the server's `Date`, as gunicorn and nginx send it.
 */
function serveDesk(desk: Desk, clock?: () => number): ApiCall[] {
  return stubApi(async (call) => {
    if (isChangesPoll(call)) {
      await desk.looksHeld;
      if (desk.looksFail) return { status: 503, body: { message: 'Service unavailable.' } };
    }
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

/** The person switches to another tab ('hidden') or back ('visible'). */
function showTab(visibility: DocumentVisibilityState) {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(visibility);
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
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

    showTab('hidden');
    await nextLook();
    await nextLook();
    await nextLook();
    expect(polls(calls)).toHaveLength(1);

    customerWrites(desk, 1, 50, 'Hello?');
    showTab('visible');
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

describe('while the change stream is open, the server pushes the changes instead', () => {
  let sources: FakeEventSource[];
  beforeEach(() => {
    sources = stubEventSource();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** A ticket opened at `minute` by a customer, untouched since. */
  const opened = (id: number, title: string, minute: number, fields: Partial<Ticket> = {}) =>
    makeTicket({ id, title, created_at: at(minute), last_activity_at: at(minute), last_customer_message_at: at(minute), ...fields });
  /** Two tickets waiting on us, the first Ana Lima's. */
  const twoWaiting = (): Desk => ({ tickets: [opened(1, 'Refund please', 0, { requester_name: 'Ana Lima' }), opened(2, 'Login loop', 1, { requester_name: 'Bo Chen' })], comments: {} });
  /**
   * Ticket 2 waits on the customer, so it is not on "Waiting on us": nothing on that page knows
   * its version, and each time a change to it is applied the page is asked again (it might join).
   */
  const oneOffScreen = (): Desk => ({ tickets: [opened(1, 'Waited longest', 0), opened(2, 'Answered already', 1, { last_activity_at: at(5), waiting_on: 'customer' })], comments: {} });

  const cursorOf = (queryClient: QueryClient) => queryClient.getQueryData<ChangesCursor>(ticketKeys.changes());
  const looking = (queryClient: QueryClient) => queryClient.isFetching({ queryKey: ticketKeys.changes() }) > 0;

  /** Nothing on its way any more: the looks have answered, what they set off has started. */
  async function settled(queryClient: QueryClient) {
    await waitFor(() => expect(looking(queryClient)).toBe(false));
    await act(async () => {});
  }

  /** The looks for changes wait for the server until the function returned is called. */
  function holdLooks(desk: Desk): () => void {
    const held = deferred<void>();
    desk.looksHeld = held.promise;
    return () => {
      desk.looksHeld = undefined;
      held.resolve();
    };
  }

  /** A `changes` event as the server sends it: the desk's tickets `ids` as they are now. */
  function changesEvent(desk: Desk, ids: number[], lookedAt: string, count = ids.length) {
    return { looked_at: lookedAt, count, count_exact: true, results: desk.tickets.filter((ticket) => ids.includes(ticket.id)) };
  }

  /** Renders `url` on `desk` until its first look has answered; the stream is made, not open yet. */
  async function renderFollowing(desk: Desk, url: string) {
    const calls = serveDesk(desk);
    const { queryClient, unmount } = renderApp(url);
    await waitFor(() => expect(cursorOf(queryClient)).toBeDefined());
    expect(sources).toHaveLength(1);
    expect(sources[0].url).toBe('/api/events/');
    return { calls, queryClient, unmount };
  }

  /** As renderFollowing, then the stream opens and its catch-up look answers. */
  async function renderStreaming(desk: Desk, url: string) {
    const page = await renderFollowing(desk, url);
    const looksBefore = polls(page.calls).length;
    await sources[0].open();
    await waitFor(() => expect(polls(page.calls)).toHaveLength(looksBefore + 1));
    await settled(page.queryClient);
    return { ...page, stream: sources[0] };
  }

  /** The whole queue open on twoWaiting(), streaming; `row` is Ana Lima's ticket's, `looks` the looks made so far. */
  async function streamingQueue(desk: Desk) {
    const page = await renderStreaming(desk, '/?view=all');
    const row = (await screen.findByRole('link', { name: 'Refund please' })).closest('li')!;
    return { ...page, row, looks: polls(page.calls).length };
  }

  /** "Waiting on us" open on oneOffScreen(), streaming. */
  async function streamingWaitingOnUs(desk: Desk) {
    const page = await renderStreaming(desk, '/');
    await screen.findByRole('link', { name: 'Waited longest' });
    return page;
  }

  it('makes no looks while it is open, and a change it brings shows as a looked-for one does; the cursor moves on', async () => {
    const desk = twoWaiting();
    const { calls, queryClient, stream, row, looks } = await streamingQueue(desk);
    const pagesBefore = listPageCalls(calls);

    await nextLook();
    await nextLook();
    await nextLook();
    expect(polls(calls)).toHaveLength(looks);

    customerWrites(desk, 1, 20, 'Any news?');
    // The server's look two seconds after the reply.
    const lookedAt = '2026-11-25T09:20:02Z';
    await stream.send('changes', changesEvent(desk, [1], lookedAt));
    await waitFor(() => expect(within(row).getByText(/^Ana Lima replied ·/)).toBeInTheDocument());
    // Newest first by creation: a reply moves neither the order nor the count, so the page is not asked again.
    expect(listPageCalls(calls)).toBe(pagesBefore);
    expect(cursorOf(queryClient)).toMatchObject({ newest: at(20), answeredAt: lookedAt });
    // Remembered: a look reaching back the overlap from that time could report it again.
    expect(cursorOf(queryClient)?.reported).toEqual({ 1: at(20) });

    // A keep-alive moves the cursor on; what no later look could return is forgotten.
    await stream.send('changes', changesEvent(desk, [], at(40)));
    expect(cursorOf(queryClient)).toMatchObject({ newest: at(20), answeredAt: at(40) });
    expect(cursorOf(queryClient)?.reported).toEqual({});
    await nextLook();
    expect(polls(calls)).toHaveLength(looks);
  });

  it('looks every few seconds while the stream is down, and once at once each time it opens again', async () => {
    const desk = twoWaiting();
    const { calls, queryClient, stream, row, looks } = await streamingQueue(desk);

    // The laptop sleeps: the browser keeps trying to reconnect, the page looks meanwhile.
    await stream.drop();
    customerWrites(desk, 1, 20, 'Any news?');
    await nextLook();
    await waitFor(() => expect(polls(calls)).toHaveLength(looks + 1));
    await waitFor(() => expect(within(row).getByText(/^Ana Lima replied ·/)).toBeInTheDocument());
    await nextLook();
    await waitFor(() => expect(polls(calls)).toHaveLength(looks + 2));

    // Reconnected: one look from where the cursor stands catches up on what the stream missed.
    change(desk, 1, { last_activity_at: at(25), waiting_on: 'customer' });
    await stream.open();
    await waitFor(() => expect(polls(calls)).toHaveLength(looks + 3));
    expect(polls(calls)[looks + 2].query.get('updated_since')).toBe(new Date(Date.parse(at(20)) - CHANGES_OVERLAP_MS).toISOString());
    await waitFor(() => expect(within(row).queryByText(/^Ana Lima replied ·/)).not.toBeInTheDocument());
    await settled(queryClient);
    await nextLook();
    await nextLook();
    expect(polls(calls)).toHaveLength(looks + 3);
    expect(sources).toHaveLength(1);
  });

  it('polls while the server refuses the stream, and asks for a new one a minute later', async () => {
    const { calls, queryClient } = await renderFollowing(twoWaiting(), '/');
    const looks = polls(calls).length;

    // A server without the events service answers no stream, and the browser gives up.
    await sources[0].refuse();
    await nextLook();
    await nextLook();
    await waitFor(() => expect(polls(calls)).toHaveLength(looks + 2));
    await act(async () => {
      vi.advanceTimersByTime(STREAM_RETRY_MS - 2 * CHANGES_POLL_MS - 100);
    });
    expect(sources).toHaveLength(1);
    await act(async () => {
      vi.advanceTimersByTime(100);
    });
    expect(sources).toHaveLength(2);
    expect(sources[1].url).toBe('/api/events/');

    // This time it is a stream: the polling stops once its catch-up look has answered.
    await settled(queryClient);
    const beforeOpen = polls(calls).length;
    await sources[1].open();
    await waitFor(() => expect(polls(calls)).toHaveLength(beforeOpen + 1));
    await settled(queryClient);
    await nextLook();
    await nextLook();
    expect(polls(calls)).toHaveLength(beforeOpen + 1);
  });

  it('keeps polling while the stream is open until a look has caught up on what it missed, which its events do not skip', async () => {
    const desk = twoWaiting();
    const { calls, queryClient, stream, row: first, looks } = await streamingQueue(desk);
    const second = screen.getByRole('link', { name: 'Login loop' }).closest('li')!;

    await stream.drop();
    customerWrites(desk, 1, 20, 'Any news?');
    // Back after a deploy: the stream opens before the API answers again.
    desk.looksFail = true;
    await stream.open();
    await waitFor(() => expect(polls(calls)).toHaveLength(looks + 1));
    await settled(queryClient);
    // The stream brings a later change: shown, but the looks still reach back to what they missed.
    customerWrites(desk, 2, 30, 'Still locked out.');
    await stream.send('changes', changesEvent(desk, [2], at(31)));
    await waitFor(() => expect(within(second).getByText(/^Bo Chen replied ·/)).toBeInTheDocument());

    desk.looksFail = false;
    await nextLook();
    await waitFor(() => expect(polls(calls)).toHaveLength(looks + 2));
    expect(polls(calls)[looks + 1].query.get('updated_since')).toBe(new Date(Date.parse(at(1)) - CHANGES_OVERLAP_MS).toISOString());
    await waitFor(() => expect(within(first).getByText(/^Ana Lima replied ·/)).toBeInTheDocument());
    await settled(queryClient);
    await nextLook();
    await nextLook();
    expect(polls(calls)).toHaveLength(looks + 2);
  });

  it('applies a change once although the catch-up look and an event both bring it, in either order', async () => {
    const desk = oneOffScreen();
    const { calls, queryClient, stream } = await streamingWaitingOnUs(desk);

    // The event first, while the catch-up look is on its way. A colleague added an internal note meanwhile.
    await stream.drop();
    change(desk, 2, { last_activity_at: at(12) });
    const release = holdLooks(desk);
    const looks = polls(calls).length;
    await stream.open();
    await waitFor(() => expect(polls(calls)).toHaveLength(looks + 1));
    const pagesBefore = listPageCalls(calls);
    await stream.send('changes', changesEvent(desk, [2], '2026-11-25T09:12:01Z'));
    await waitFor(() => expect(listPageCalls(calls)).toBe(pagesBefore + 1));
    release();
    await settled(queryClient);
    expect(cursorOf(queryClient)?.reported).toEqual({ 2: at(12) });
    expect(listPageCalls(calls)).toBe(pagesBefore + 1);

    // The look first, the event after it.
    await stream.drop();
    change(desk, 2, { last_activity_at: at(14) });
    await stream.open();
    await waitFor(() => expect(listPageCalls(calls)).toBe(pagesBefore + 2));
    await settled(queryClient);
    await stream.send('changes', changesEvent(desk, [2], '2026-11-25T09:14:01Z'));
    await act(async () => {});
    expect(listPageCalls(calls)).toBe(pagesBefore + 2);
    expect(screen.queryByRole('link', { name: 'Answered already' })).not.toBeInTheDocument();
  });

  it('a look on its way when the stream opens, or when an event comes, applies nothing twice', async () => {
    const desk = oneOffScreen();
    const { calls, queryClient, stream } = await streamingWaitingOnUs(desk);

    // A poll is on its way when the stream opens again: it gives way to a look begun after the
    // open, and its answer, however late, is not applied.
    await stream.drop();
    change(desk, 2, { last_activity_at: at(12) });
    let release = holdLooks(desk);
    const looks = polls(calls).length;
    await nextLook();
    await waitFor(() => expect(polls(calls)).toHaveLength(looks + 1));
    await stream.open();
    await waitFor(() => expect(polls(calls)).toHaveLength(looks + 2));
    const pagesBefore = listPageCalls(calls);
    release();
    await waitFor(() => expect(listPageCalls(calls)).toBe(pagesBefore + 1));
    await settled(queryClient);
    expect(listPageCalls(calls)).toBe(pagesBefore + 1);

    // Shown again, the tab looks; events come while that look is on its way, a keep-alive
    // long after the change among them. The look still reports the change: applied once.
    change(desk, 2, { last_activity_at: at(16) });
    release = holdLooks(desk);
    showTab('hidden');
    showTab('visible');
    await waitFor(() => expect(polls(calls)).toHaveLength(looks + 3));
    await stream.send('changes', changesEvent(desk, [2], '2026-11-25T09:16:01Z'));
    await waitFor(() => expect(listPageCalls(calls)).toBe(pagesBefore + 2));
    await stream.send('changes', changesEvent(desk, [], at(30)));
    release();
    await settled(queryClient);
    expect(listPageCalls(calls)).toBe(pagesBefore + 2);
  });

  it('opened before the first look has answered, the stream has it made again, and then no more', async () => {
    const desk = twoWaiting();
    const release = holdLooks(desk);
    const calls = serveDesk(desk);
    const { queryClient } = renderApp('/');
    await waitFor(() => expect(polls(calls)).toHaveLength(1));
    await sources[0].open();
    await waitFor(() => expect(polls(calls)).toHaveLength(2));
    release();
    await waitFor(() => expect(cursorOf(queryClient)).toBeDefined());
    await settled(queryClient);
    await nextLook();
    await nextLook();
    await nextLook();
    expect(polls(calls)).toHaveLength(2);
  });

  it('asks for everything again when an event says more changed than it holds', async () => {
    const desk: Desk = { tickets: [opened(7, 'Printer on fire', 0)], comments: { 7: [] } };
    const { stream } = await renderStreaming(desk, '/tickets/7');
    await screen.findByRole('heading', { level: 1, name: 'Printer on fire' });

    // The open ticket changed, and then 150 others: the event holds the newest 100, not it.
    customerWrites(desk, 7, 40, 'It is getting worse.');
    const imported = Array.from({ length: 150 }, (_, index) => opened(1000 + index, `Imported ${index}`, 41));
    desk.tickets = [...desk.tickets, ...imported];
    const sent = imported.slice(0, 100).map((ticket) => ticket.id);
    await stream.send('changes', changesEvent(desk, sent, '2026-11-25T09:41:01Z', 151));
    expect(await screen.findByText('It is getting worse.')).toBeInTheDocument();
  });

  it('leaves a malformed event aside and keeps the stream', async () => {
    const desk = twoWaiting();
    const { queryClient, stream, row } = await streamingQueue(desk);
    const cursor = cursorOf(queryClient);
    const uncaught: unknown[] = [];
    const collect = (event: ErrorEvent) => uncaught.push(event.error);
    window.addEventListener('error', collect);

    customerWrites(desk, 1, 20, 'Any news?');
    const { results } = changesEvent(desk, [1], at(21));
    for (const data of [
      'not JSON',
      'null',
      '[]',
      JSON.stringify({ count: 1, results }),
      JSON.stringify({ looked_at: 'yesterday', count: 1, results }),
      JSON.stringify({ looked_at: at(21), count: '1', results }),
      JSON.stringify({ looked_at: at(21), count: 1, results: 'all' }),
      JSON.stringify({ looked_at: at(21), count: 1, results: [{ title: 'Refund please' }] }),
    ]) {
      await stream.send('changes', data);
    }
    window.removeEventListener('error', collect);
    expect(uncaught).toEqual([]);
    expect(cursorOf(queryClient)).toEqual(cursor);
    expect(within(row).queryByText(/^Ana Lima replied ·/)).not.toBeInTheDocument();

    await stream.send('changes', changesEvent(desk, [1], at(21)));
    await waitFor(() => expect(within(row).getByText(/^Ana Lima replied ·/)).toBeInTheDocument());
    expect(stream.readyState).toBe(stream.OPEN);
    expect(sources).toHaveLength(1);
  });

  it('takes in nothing while the tab is hidden, and looks at once when it is shown again', async () => {
    const desk = twoWaiting();
    const { calls, stream, row, looks } = await streamingQueue(desk);
    const pagesBefore = listPageCalls(calls);

    showTab('hidden');
    customerWrites(desk, 1, 50, 'Hello?');
    await stream.send('changes', changesEvent(desk, [1], at(51)));
    await nextLook();
    expect(within(row).queryByText(/^Ana Lima replied ·/)).not.toBeInTheDocument();
    expect(polls(calls)).toHaveLength(looks);
    expect(listPageCalls(calls)).toBe(pagesBefore);

    showTab('visible');
    await waitFor(() => expect(polls(calls)).toHaveLength(looks + 1));
    expect(await within(row).findByText(/^Ana Lima replied ·/)).toBeInTheDocument();
  });

  it('closes the stream when the person signs out, and when the page goes', async () => {
    const desk = twoWaiting();
    const first = await renderStreaming(desk, '/');
    act(() => first.queryClient.setQueryData(authKeys.me(), null));
    await waitFor(() => expect(first.stream.readyState).toBe(first.stream.CLOSED));
    const looks = polls(first.calls).length;
    await nextLook();
    expect(polls(first.calls)).toHaveLength(looks);
    first.unmount();

    sources.length = 0;
    const second = await renderStreaming(desk, '/');
    second.unmount();
    expect(second.stream.readyState).toBe(second.stream.CLOSED);
    expect(sources).toHaveLength(1);
  });
});
