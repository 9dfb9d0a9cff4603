import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { deferred, makePage, makeTicket, stubApi, type ApiCall, type Reply } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';

const listCalls = (calls: ApiCall[]) => calls.filter((call) => call.method === 'GET' && call.path === '/api/tickets/');

function stubList(reply: (call: ApiCall) => Reply | Promise<Reply>) {
  return stubApi((call) => (call.path === '/api/tickets/' ? reply(call) : { status: 404, body: { message: 'Not found.' } }));
}

describe('ticket list', () => {
  it('shows each ticket with its priority in words, category and relative creation time', async () => {
    stubList(() => ({ body: makePage([makeTicket({ id: 7, title: 'Cannot log in', priority: 'critical', category: 'account' })]) }));
    renderApp('/');
    const row = (await screen.findByRole('link', { name: 'Cannot log in' })).closest('li')!;
    expect(within(row).getByText('Critical', { selector: '.badge' })).toHaveTextContent('Priority: Critical');
    expect(within(row).getByText('Account', { selector: '.badge' })).toBeInTheDocument();
    const created = row.querySelector('time')!;
    expect(created).toHaveAttribute('datetime', '2026-11-25T09:14:03.120431Z');
    expect(created.getAttribute('title')).toMatch(/2026/);
    expect(screen.getByText('Showing 1–1 of 1 ticket')).toBeInTheDocument();
  });

  it('renders hostile ticket text as inert text', async () => {
    stubList(() => ({
      body: makePage([makeTicket({ title: '<img src=x onerror=alert(1)>', description: '<script>alert(2)</script>' })]),
    }));
    const { container } = renderApp('/');
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(screen.getByText('<script>alert(2)</script>')).toBeInTheDocument();
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('says "1,000+" when the server stopped counting a search', async () => {
    const tickets = Array.from({ length: 20 }, () => makeTicket());
    stubList(() => ({ body: makePage(tickets, { count: 1000, count_exact: false, next: 'http://x/api/tickets/?page=2' }) }));
    renderApp('/?search=error');
    expect(await screen.findByText('Showing 1–20 of 1,000+ tickets')).toBeInTheDocument();
    expect(screen.getByText('Page 1')).toBeInTheDocument();
  });

  it('offers to clear filters when nothing matches, and says so plainly when there are no tickets', async () => {
    stubList(() => ({ body: makePage([]) }));
    const user = userEvent.setup();
    renderApp('/?status=closed');
    expect(await screen.findByText('No tickets match these filters.')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]);
    expect(await screen.findByText(/No tickets yet/)).toBeInTheDocument();
    expect(window.location.search).toBe('');
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
    renderApp('/?status=open&page=9');
    expect(await screen.findByText('This page is past the last ticket.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the first page' })).toHaveAttribute('href', '/?status=open');
  });
});

describe('list state in the URL', () => {
  it('reads filters, search and page from the URL and asks the API for exactly those', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    renderApp('/?status=open&status=in_progress&priority=critical&search=refund&page=2&status=bogus');
    await screen.findByText(/Showing/);
    const query = listCalls(calls)[0].query;
    expect(query.getAll('status')).toEqual(['open', 'in_progress']);
    expect(query.getAll('priority')).toEqual(['critical']);
    expect(query.get('search')).toBe('refund');
    expect(query.get('page')).toBe('2');
    expect(screen.getByRole('checkbox', { name: 'Open' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'In progress' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Critical' })).toBeChecked();
    expect(screen.getByLabelText('Search')).toHaveValue('refund');
  });

  it('puts a filter change in the URL, back to page 1, and back/forward step through views', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    const user = userEvent.setup();
    renderApp('/?page=3');
    await screen.findByText(/Showing/);

    await user.click(screen.getByRole('checkbox', { name: 'Billing' }));
    expect(window.location.search).toBe('?category=billing');
    await user.click(screen.getByRole('checkbox', { name: 'High' }));
    expect(window.location.search).toBe('?category=billing&priority=high');
    await waitFor(() => expect(listCalls(calls).at(-1)!.query.getAll('priority')).toEqual(['high']));

    await act(async () => window.history.back());
    await waitFor(() => expect(window.location.search).toBe('?category=billing'));
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'High' })).not.toBeChecked());
    expect(screen.getByRole('checkbox', { name: 'Billing' })).toBeChecked();

    await act(async () => window.history.forward());
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'High' })).toBeChecked());
  });

  it('searches once typing pauses, not on every key, and back restores the search box', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByText(/Showing/);

    await user.type(screen.getByLabelText('Search'), 'refund card');
    await waitFor(() => expect(window.location.search).toBe('?search=refund+card'));
    await waitFor(() => expect(listCalls(calls).at(-1)!.query.get('search')).toBe('refund card'));
    expect(listCalls(calls).filter((call) => call.query.has('search'))).toHaveLength(1);

    await act(async () => window.history.back());
    await waitFor(() => expect(screen.getByLabelText('Search')).toHaveValue(''));
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

  it('shows who holds each ticket, or "Unassigned"', async () => {
    stubList(() => ({
      body: makePage([
        makeTicket({ title: 'Held by Dana', assignee: { id: 3, name: 'Dana' } }),
        makeTicket({ title: 'Held by nobody', assignee: null }),
      ]),
    }));
    renderApp('/');
    const held = (await screen.findByRole('link', { name: 'Held by Dana' })).closest('li')!;
    expect(held).toHaveTextContent('Assigned to Dana');
    const free = screen.getByRole('link', { name: 'Held by nobody' }).closest('li')!;
    expect(within(free).getByText('Unassigned')).toBeInTheDocument();
  });

  it('keeps the Mine and Unassigned quick filters in the URL and sends them as assignee=me / none', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    const user = userEvent.setup();
    renderApp('/?status=open');
    await screen.findByText(/Showing/);

    await user.click(screen.getByRole('checkbox', { name: 'Mine' }));
    expect(window.location.search).toBe('?status=open&assignee=me');
    await waitFor(() => expect(listCalls(calls).at(-1)!.query.getAll('assignee')).toEqual(['me']));

    await user.click(screen.getByRole('checkbox', { name: 'Unassigned' }));
    expect(window.location.search).toBe('?status=open&assignee=me&assignee=none');
    await waitFor(() => expect(listCalls(calls).at(-1)!.query.getAll('assignee')).toEqual(['me', 'none']));

    await act(async () => window.history.back());
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Unassigned' })).not.toBeChecked());
    expect(screen.getByRole('checkbox', { name: 'Mine' })).toBeChecked();

    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]);
    expect(window.location.search).toBe('');
  });

  it('reads an assignee filter from a bookmarked URL and drops values it does not know', async () => {
    const calls = stubList(() => ({ body: makePage([makeTicket()]) }));
    renderApp('/?assignee=none&assignee=bogus');
    await screen.findByText(/Showing/);
    expect(screen.getByRole('checkbox', { name: 'Unassigned' })).toBeChecked();
    expect(listCalls(calls)[0].query.getAll('assignee')).toEqual(['none']);
  });
});
