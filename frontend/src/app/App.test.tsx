import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { statsKeys } from '../lib/query-keys';
import { makePage, makeTicket, stubApi } from '../test/fake-api';
import { renderApp } from '../test/render';
import type { Ticket } from '../features/tickets/types';

describe('the tickets page', () => {
  it('puts a newly submitted ticket at the top of the list and refreshes the dashboard figures', async () => {
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
    const { queryClient } = renderApp('/');
    queryClient.setQueryData(statsKeys.all, { total_tickets: 1 });
    await screen.findByText('Older ticket');

    await user.type(screen.getByLabelText('Title'), 'Brand new');
    await user.type(screen.getByLabelText('Description'), 'Short');
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));

    await waitFor(() => {
      const rows = within(screen.getByRole('list')).getAllByRole('listitem');
      expect(rows[0]).toHaveTextContent('Brand new');
    });
    expect(queryClient.getQueryState(statsKeys.all)?.isInvalidated).toBe(true);
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
  });
});
