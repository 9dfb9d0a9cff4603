import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { deferred, makePage, makeTicket, stubApi, ticketListCalls, type ApiCall, type Reply } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';

function stubList(reply: (call: ApiCall) => Reply | Promise<Reply>) {
  return stubApi((call) => (call.path === '/api/tickets/' ? reply(call) : { status: 404, body: { message: 'Not found.' } }));
}

const lastListQuery = (calls: ApiCall[]) => ticketListCalls(calls).at(-1)!.query;
const filtersButton = () => screen.getByRole('button', { name: /^Filters/ });

async function openFilters(user: ReturnType<typeof userEvent.setup>) {
  await user.click(filtersButton());
  expect(filtersButton()).toHaveAttribute('aria-expanded', 'true');
}

describe('a row of the queue', () => {
  it('shows who asked, what happened last and when, who holds it, the waiting mark, priority in words and category', async () => {
    stubList(() => ({
      body: makePage([
        makeTicket({
          id: 7,
          title: 'Cannot log in',
          priority: 'critical',
          category: 'account',
          requester_name: 'Ana Lima',
          requester_email: 'ana@example.com',
          assignee: { id: 3, name: 'Dana' },
          created_at: '2026-11-25T09:14:03.120431Z',
          last_customer_message_at: '2026-11-25T10:00:00Z',
          last_activity_at: '2026-11-25T10:00:00Z',
          waiting_on: 'us',
        }),
      ]),
    }));
    renderApp('/');
    const row = (await screen.findByRole('link', { name: 'Cannot log in' })).closest('li')!;
    expect(within(row).getByText('Ana Lima')).toBeInTheDocument();
    expect(within(row).getByText(/^Ana Lima replied ·/)).toBeInTheDocument();
    expect(row.querySelector('.ticket-row__activity time')).toHaveAttribute('datetime', '2026-11-25T10:00:00Z');
    expect(within(row).getByText('Assigned to Dana')).toBeInTheDocument();
    // The mark is words with a glyph, not a colour alone.
    expect(within(row).getByText('Waiting on us')).toHaveTextContent('◷ Waiting on us');
    expect(within(row).getByText('Critical', { selector: '.badge' })).toHaveTextContent('Priority: Critical');
    expect(within(row).getByText('Account', { selector: '.badge' })).toBeInTheDocument();
    expect(screen.getByText('Showing 1–1 of 1 ticket')).toBeInTheDocument();
  });

  it('says "Opened" when nothing happened since, "Updated" for a change or an agent\'s message, and names the address when there is no name', async () => {
    stubList(() => ({
      body: makePage([
        makeTicket({ title: 'Untouched', requester_email: 'bo@example.com' }),
        makeTicket({
          title: 'Answered',
          last_activity_at: '2026-11-25T11:00:00Z',
          waiting_on: 'customer',
          assignee: null,
        }),
      ]),
    }));
    renderApp('/?view=all');
    const untouched = (await screen.findByRole('link', { name: 'Untouched' })).closest('li')!;
    expect(within(untouched).getByText('bo@example.com')).toBeInTheDocument();
    expect(within(untouched).getByText(/^Opened ·/)).toBeInTheDocument();
    const answered = screen.getByRole('link', { name: 'Answered' }).closest('li')!;
    expect(within(answered).getByText(/^Updated ·/)).toBeInTheDocument();
    expect(within(answered).getByText('Waiting on the customer')).toBeInTheDocument();
    expect(within(answered).queryByText('Waiting on us')).not.toBeInTheDocument();
    expect(within(answered).getByText('Unassigned')).toBeInTheDocument();
  });

  it('renders hostile ticket text as inert text', async () => {
    stubList(() => ({
      body: makePage([makeTicket({ title: '<img src=x onerror=alert(1)>', description: '<script>alert(2)</script>', requester_name: '<b>x</b>' })]),
    }));
    const { container } = renderApp('/');
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(screen.getByText('<script>alert(2)</script>')).toBeInTheDocument();
    expect(screen.getByText('<b>x</b>')).toBeInTheDocument();
    expect(container.querySelector('img, script, b')).toBeNull();
  });

  it('leads from a ticket back to the view it was opened from', async () => {
    stubApi((call) => {
      if (call.path === '/api/tickets/') return { body: makePage([makeTicket({ id: 5, title: 'Open me' })]) };
      if (call.path === '/api/tickets/5/') return { body: makeTicket({ id: 5, title: 'Open me' }) };
      return { status: 404, body: { message: 'Not found.' } };
    });
    const user = userEvent.setup();
    renderApp('/?view=mine&priority=high');
    await user.click(await screen.findByRole('link', { name: 'Open me' }));
    await screen.findByRole('heading', { level: 1, name: 'Open me' });
    expect(screen.getByRole('link', { name: '← Back to the queue' })).toHaveAttribute('href', '/?view=mine&priority=high');
  });
});

describe('the list', () => {
  it('says "1,000+" when the server stopped counting a search', async () => {
    const tickets = Array.from({ length: 20 }, () => makeTicket());
    stubList(() => ({ body: makePage(tickets, { count: 1000, count_exact: false, next: 'http://x/api/tickets/?page=2' }) }));
    renderApp('/?search=error');
    expect(await screen.findByText('Showing 1–20 of 1,000+ tickets')).toBeInTheDocument();
    expect(screen.getByText('Page 1')).toBeInTheDocument();
  });

  it("says what an empty view means, offers to clear filters, and to search every ticket when a view's search finds none", async () => {
    const calls = stubList(() => ({ body: makePage([]) }));
    const user = userEvent.setup();
    renderApp('/?priority=critical&search=refund');
    expect(await screen.findByText('No tickets match these filters.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Search all tickets' })).toHaveAttribute('href', '/?view=all&priority=critical&search=refund');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('Nothing is waiting on us: every open ticket has had an answer.')).toBeInTheDocument();
    expect(window.location.search).toBe('');
    expect(lastListQuery(calls).get('waiting')).toBe('us');
  });

  it('shows a load error with a way to try again', async () => {
    let failing = true;
    stubList(() => (failing ? { status: 503, body: { message: 'Database unavailable.' } } : { body: makePage([makeTicket({ title: 'Back again' })]) }));
    const user = userEvent.setup();
    renderApp('/');
    expect(await screen.findByText('Could not load tickets: Database unavailable.')).toBeInTheDocument();
    failing = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Back again')).toBeInTheDocument();
  });

  it('explains a page past the end and links back to the first page', async () => {
    stubList((call) => (call.query.get('page') === '9' ? { status: 404, body: { message: 'Invalid page.' } } : { body: makePage([makeTicket()]) }));
    renderApp('/?view=all&status=open&page=9');
    expect(await screen.findByText('This page is past the last ticket.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the first page' })).toHaveAttribute('href', '/?view=all&status=open');
  });

  it('keeps the current page on screen while the next one loads', async () => {
    const secondPage = deferred<Reply>();
    stubList((call) =>
      call.query.get('page') === '2'
        ? secondPage.promise
        : { body: makePage([makeTicket({ title: 'On page one' })], { count: 21, next: 'http://x/api/tickets/?page=2' }) },
    );
    const user = userEvent.setup();
    renderApp('/');
    await user.click(await screen.findByRole('link', { name: 'Next →' }));

    expect(window.location.search).toBe('?page=2');
    expect(screen.getByText('On page one')).toBeInTheDocument();
    expect(screen.getByText('Updating…')).toBeInTheDocument();

    secondPage.resolve({
      body: makePage([makeTicket({ title: 'On page two' })], { count: 21, previous: 'http://x/api/tickets/' }),
    });
    expect(await screen.findByText('On page two')).toBeInTheDocument();
    expect(screen.getByText('Showing 21–21 of 21 tickets')).toBeInTheDocument();
    expect(screen.getByText('Page 2 of 2')).toBeInTheDocument();
  });
});

describe('the queue views', () => {
  it('lands on "Waiting on us", longest wait first', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    renderApp('/');
    await screen.findByText(/Showing/);
    const query = lastListQuery(calls);
    expect(query.get('waiting')).toBe('us');
    expect(query.get('ordering')).toBe('last_customer_message_at');
    expect(query.has('status')).toBe(false);
    expect(query.has('assignee')).toBe(false);
    const views = screen.getByRole('navigation', { name: 'Queue views' });
    expect(within(views).getByRole('link', { name: 'Waiting on us' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { level: 2, name: 'Waiting on us' })).toBeInTheDocument();
  });

  it('asks the API for each view as the contract defines it; each view is an address and back/forward step between them', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByText(/Showing/);
    const views = screen.getByRole('navigation', { name: 'Queue views' });

    await user.click(within(views).getByRole('link', { name: 'Mine' }));
    expect(window.location.search).toBe('?view=mine');
    await waitFor(() => expect(lastListQuery(calls).getAll('assignee')).toEqual(['me']));
    expect(lastListQuery(calls).getAll('status')).toEqual(['open', 'in_progress']);
    expect(lastListQuery(calls).has('waiting')).toBe(false);
    expect(lastListQuery(calls).has('ordering')).toBe(false);
    expect(within(views).getByRole('link', { name: 'Mine' })).toHaveAttribute('aria-current', 'page');

    await user.click(within(views).getByRole('link', { name: 'Unassigned' }));
    await waitFor(() => expect(lastListQuery(calls).getAll('assignee')).toEqual(['none']));
    expect(lastListQuery(calls).getAll('status')).toEqual(['open']);

    await user.click(within(views).getByRole('link', { name: 'All' }));
    expect(window.location.search).toBe('?view=all');
    await waitFor(() => expect(lastListQuery(calls).has('assignee')).toBe(false));
    expect(lastListQuery(calls).has('status')).toBe(false);

    await act(async () => window.history.back());
    await waitFor(() => expect(within(views).getByRole('link', { name: 'Unassigned' })).toHaveAttribute('aria-current', 'page'));
    await act(async () => window.history.back());
    await waitFor(() => expect(within(views).getByRole('link', { name: 'Mine' })).toHaveAttribute('aria-current', 'page'));
    await act(async () => window.history.forward());
    await waitFor(() => expect(window.location.search).toBe('?view=unassigned'));
  });

  it('shows the counts the figures hold beside the views', async () => {
    stubApi((call) => {
      if (call.path === '/api/tickets/stats/') return { body: { total_tickets: 1234, unassigned_open: 3, waiting_on_us: 12 } };
      if (call.path === '/api/tickets/') return { body: makePage([makeTicket()]) };
      return { status: 404, body: { message: 'Not found.' } };
    });
    renderApp('/');
    const views = screen.getByRole('navigation', { name: 'Queue views' });
    expect(await within(views).findByRole('link', { name: 'Waiting on us, 12 tickets' })).toBeInTheDocument();
    expect(within(views).getByRole('link', { name: 'Unassigned, 3 tickets' })).toBeInTheDocument();
    expect(within(views).getByRole('link', { name: 'All, 1,234 tickets' })).toBeInTheDocument();
    expect(within(views).getByRole('link', { name: 'Mine' })).toBeInTheDocument();
  });

  it('ignores in a bookmarked URL the filters a view sets itself, and an unknown view', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    renderApp('/?view=mine&status=closed&assignee=none&priority=high');
    await screen.findByText(/Showing/);
    expect(lastListQuery(calls).getAll('status')).toEqual(['open', 'in_progress']);
    expect(lastListQuery(calls).getAll('assignee')).toEqual(['me']);
    expect(lastListQuery(calls).getAll('priority')).toEqual(['high']);
  });

  it('keeps search and the filters a view allows when switching views', async () => {
    stubList(() => ({ body: makePage([makeTicket()]) }));
    renderApp('/?view=all&status=resolved&priority=low&search=card&ordering=-priority&page=3');
    await screen.findByText(/Showing/);
    const views = screen.getByRole('navigation', { name: 'Queue views' });
    expect(within(views).getByRole('link', { name: 'Mine' })).toHaveAttribute('href', '/?view=mine&priority=low&search=card');
    expect(within(views).getByRole('link', { name: 'Waiting on us' })).toHaveAttribute('href', '/?priority=low&status=resolved&search=card');
  });
});

describe('the filter panel', () => {
  it('is closed at first; its button says how many filters are on', async () => {
    stubList(() => ({ body: makePage([makeTicket()]) }));
    const user = userEvent.setup();
    renderApp('/?view=all&status=open&status=in_progress&priority=critical');
    await screen.findByText(/Showing/);
    expect(filtersButton()).toHaveAttribute('aria-expanded', 'false');
    expect(filtersButton()).toHaveAccessibleName('Filters, 3 on');
    expect(screen.queryByRole('checkbox', { name: 'Open' })).not.toBeInTheDocument();

    await openFilters(user);
    expect(screen.getByRole('checkbox', { name: 'Open' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'In progress' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Critical' })).toBeChecked();
    await user.click(filtersButton());
    expect(screen.queryByRole('checkbox', { name: 'Open' })).not.toBeInTheDocument();
  });

  it('puts a filter change in the URL, back to page 1, and back/forward step through filters', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    const user = userEvent.setup();
    renderApp('/?view=all&page=3');
    await screen.findByText(/Showing/);
    await openFilters(user);

    await user.click(screen.getByRole('checkbox', { name: 'Billing' }));
    expect(window.location.search).toBe('?view=all&category=billing');
    await user.click(screen.getByRole('checkbox', { name: 'High' }));
    expect(window.location.search).toBe('?view=all&category=billing&priority=high');
    await waitFor(() => expect(lastListQuery(calls).getAll('priority')).toEqual(['high']));
    expect(filtersButton()).toHaveAccessibleName('Filters, 2 on');

    await act(async () => window.history.back());
    await waitFor(() => expect(window.location.search).toBe('?view=all&category=billing'));
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'High' })).not.toBeChecked());
    expect(screen.getByRole('checkbox', { name: 'Billing' })).toBeChecked();

    await act(async () => window.history.forward());
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'High' })).toBeChecked());
  });

  it('does not offer the filters a view sets itself; clearing keeps the view', async () => {
    stubList(() => ({ body: makePage([makeTicket()]) }));
    const user = userEvent.setup();
    renderApp('/?view=mine&priority=high');
    await screen.findByText(/Showing/);
    await openFilters(user);
    expect(screen.queryByRole('group', { name: 'Assignee' })).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Status' })).not.toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Priority' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(window.location.search).toBe('?view=mine');
  });

  it('orders the list as chosen, and the view\'s own order needs no parameter', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByText(/Showing/);
    await openFilters(user);
    expect(screen.getByLabelText('Order')).toHaveValue('last_customer_message_at');
    await user.selectOptions(screen.getByLabelText('Order'), 'Recently updated');
    expect(window.location.search).toBe('?ordering=-last_activity_at');
    await waitFor(() => expect(lastListQuery(calls).get('ordering')).toBe('-last_activity_at'));
  });

  it('keeps the Mine and Unassigned quick filters in the URL and sends them as assignee=me / none', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    const user = userEvent.setup();
    renderApp('/?view=all&status=open');
    await screen.findByText(/Showing/);
    await openFilters(user);

    await user.click(screen.getByRole('checkbox', { name: 'Mine' }));
    expect(window.location.search).toBe('?view=all&status=open&assignee=me');
    await waitFor(() => expect(lastListQuery(calls).getAll('assignee')).toEqual(['me']));

    await user.click(screen.getByRole('checkbox', { name: 'Unassigned' }));
    expect(window.location.search).toBe('?view=all&status=open&assignee=me&assignee=none');
    await waitFor(() => expect(lastListQuery(calls).getAll('assignee')).toEqual(['me', 'none']));

    await act(async () => window.history.back());
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Unassigned' })).not.toBeChecked());
    expect(screen.getByRole('checkbox', { name: 'Mine' })).toBeChecked();
  });

  it('reads a filter from a bookmarked URL and drops values it does not know', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    renderApp('/?view=all&assignee=none&assignee=bogus&status=bogus&ordering=bogus&view=bogus');
    await screen.findByText(/Showing/);
    expect(lastListQuery(calls).getAll('assignee')).toEqual(['none']);
    expect(lastListQuery(calls).has('status')).toBe(false);
    expect(lastListQuery(calls).has('ordering')).toBe(false);
  });
});

describe('search', () => {
  it('searches once typing pauses, not on every key, and back restores the search box', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByText(/Showing/);

    await user.type(screen.getByLabelText('Search'), 'refund card');
    await waitFor(() => expect(window.location.search).toBe('?search=refund+card'));
    await waitFor(() => expect(lastListQuery(calls).get('search')).toBe('refund card'));
    expect(ticketListCalls(calls).filter((call) => call.query.has('search'))).toHaveLength(1);

    await act(async () => window.history.back());
    await waitFor(() => expect(screen.getByLabelText('Search')).toHaveValue(''));
  });
});
