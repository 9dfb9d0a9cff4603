import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { statsKeys } from '../lib/query-keys';
import { makePage, makeTicket, stubApi } from '../test/fake-api';
import { ADMIN, renderApp } from '../test/render';
import type { Ticket } from '../features/tickets/types';

describe('the tickets page', () => {
  it('opens the new-ticket form from the queue; the filed ticket is in the queue and the figures are refreshed', async () => {
    const stored: Ticket[] = [makeTicket({ title: 'Older ticket' })];
    stubApi((call) => {
      if (call.method === 'POST' && call.path === '/api/tickets/') {
        const created = makeTicket({ ...(call.body as object), category: 'general', priority: 'low' });
        stored.unshift(created);
        return { status: 201, body: created };
      }
      if (call.path === '/api/tickets/') return { body: makePage(stored) };
      return { body: {} };
    });
    const user = userEvent.setup();
    const { queryClient } = renderApp('/?view=all');
    await screen.findByText('Older ticket');
    // The queue holds no form: filing is a step of its own.
    expect(screen.queryByLabelText('Title')).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'New ticket' }));
    expect(window.location.pathname).toBe('/tickets/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'New ticket' })).toBeInTheDocument();
    expect(screen.getByLabelText("Customer's email (optional)")).toBeInTheDocument();
    queryClient.setQueryData(statsKeys.all, { total_tickets: 1 });
    await user.type(screen.getByLabelText('Title'), 'Brand new');
    await user.type(screen.getByLabelText('Description'), 'Short');
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));
    const created = await screen.findByRole('link', { name: `#${stored[0].id}` });
    expect(created).toHaveAttribute('href', `/tickets/${stored[0].id}`);
    expect(queryClient.getQueryState(statsKeys.all)?.isInvalidated).toBe(true);

    await user.click(screen.getByRole('link', { name: '← Back to the queue' }));
    await waitFor(() => {
      const rows = within(screen.getByRole('list', { name: 'All' })).getAllByRole('listitem');
      expect(rows[0]).toHaveTextContent('Brand new');
    });
  });

  it('moves between the pages with the main navigation', async () => {
    stubApi((call) => (call.path === '/api/tickets/' ? { body: makePage([]) } : { status: 503, body: { message: 'Down.' } }));
    const user = userEvent.setup();
    renderApp('/');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Tickets' })).toHaveAttribute('aria-current', 'page');
    await user.click(within(nav).getByRole('link', { name: 'Dashboard' }));
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/dashboard');
    // Like a page load: reading starts at the new page's content.
    expect(screen.getByRole('main')).toHaveFocus();
  });
});

describe('what each caller sees', () => {
  const navLinks = () =>
    within(screen.getByRole('navigation', { name: 'Main' }))
      .getAllByRole('link')
      .map((link) => link.textContent);

  it('an anonymous visitor: the submit form and a Sign in link, nothing of the agents\' app', async () => {
    const calls = stubApi(() => ({ status: 404, body: { message: 'Not found.' } }));
    renderApp('/', { user: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'Contact support' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit ticket' })).toBeInTheDocument();
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(within(header).queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    expect(calls.filter((call) => call.path === '/api/tickets/')).toHaveLength(0);
  });

  it('an agent: tickets, dashboard, replies, tokens, their name and Sign out; no accounts', async () => {
    stubApi((call) => (call.path === '/api/tickets/' ? { body: makePage([]) } : { status: 404, body: { message: 'Not found.' } }));
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Waiting on us' })).toBeInTheDocument();
    expect(navLinks()).toEqual(['Tickets', 'Dashboard', 'Replies', 'Tokens']);
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('link', { name: 'Dana' })).toHaveAttribute('href', '/profile');
    expect(within(header).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(within(header).queryByRole('link', { name: 'Sign in' })).not.toBeInTheDocument();
    // Agents file tickets for customers from a form of its own.
    expect(screen.getByRole('link', { name: 'New ticket' })).toHaveAttribute('href', '/tickets/new');
  });

  it('an admin: the agents\' pages, Accounts and Mail', async () => {
    stubApi((call) => (call.path === '/api/tickets/' ? { body: makePage([]) } : { status: 404, body: { message: 'Not found.' } }));
    renderApp('/', { user: ADMIN });
    await screen.findByRole('heading', { name: 'Waiting on us' });
    expect(navLinks()).toEqual(['Tickets', 'Dashboard', 'Replies', 'Tokens', 'Accounts', 'Mail']);
  });

  it.each(['/tickets/9', '/dashboard', '/replies', '/tokens', '/profile', '/accounts', '/mail'])('an anonymous visitor opening %s is asked to sign in', async (path) => {
    const calls = stubApi(() => ({ status: 401, body: { message: 'Authentication required.' } }));
    renderApp(path, { user: null });
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(window.location.search).get('next')).toBe(path);
    expect(calls).toHaveLength(0);
  });
});
