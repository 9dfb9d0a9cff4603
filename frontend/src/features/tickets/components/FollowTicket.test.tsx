import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '../../../lib/api-client';
import { makeListPage, stubApi, type ApiCall, type Reply } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';
import type { CustomerTicket, TicketComment } from '../types';

const KEY = 'k3y-Secret_value';
const TICKET: CustomerTicket = {
  id: 7,
  title: 'Invoice missing',
  description: 'No invoice for November.',
  status: 'in_progress',
  created_at: '2026-11-25T09:00:00Z',
  updated_at: '2026-11-25T10:00:00Z',
};
const COMMENTS: TicketComment[] = [
  { id: 1, author: { kind: 'customer', name: 'Ann' }, body: 'Any news?', internal: false, created_at: '2026-11-25T09:30:00Z' },
  { id: 2, author: { kind: 'agent', id: 3, name: 'Dana' }, body: 'Sending it today.', internal: false, created_at: '2026-11-25T09:40:00Z' },
];

/** The server holds ticket #7 for key KEY; any other key is 401, any other ticket 404. */
function stubFollow({ ticket = TICKET, post }: { ticket?: CustomerTicket; post?: (call: ApiCall) => Reply } = {}) {
  const comments = [...COMMENTS];
  return stubApi((call) => {
    if (call.headers.get('X-Ticket-Key') !== KEY) return { status: 401, body: { message: 'Invalid or expired credentials.' } };
    if (!call.path.startsWith('/api/tickets/7/')) return { status: 404, body: { message: 'Not found.' } };
    if (call.path === '/api/tickets/7/') return { body: ticket };
    if (call.method === 'POST') {
      if (post) return post(call);
      const comment: TicketComment = {
        id: 3,
        author: { kind: 'customer', name: 'Ann' },
        body: (call.body as { body: string }).body,
        internal: false,
        created_at: '2026-11-25T11:00:00Z',
      };
      comments.push(comment);
      return { status: 201, body: comment };
    }
    return { body: makeListPage([...comments]) };
  });
}

describe('following a ticket through the private link', () => {
  it('sends the key from the fragment as X-Ticket-Key, without cookies, and shows the customer view', async () => {
    const calls = stubFollow();
    renderApp(`/follow/7#${KEY}`, { user: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'Invoice missing' })).toBeInTheDocument();
    expect(screen.getByText('Status: In progress')).toBeInTheDocument();
    expect(screen.getByText('No invoice for November.')).toBeInTheDocument();
    const messages = await within(screen.getByRole('region', { name: 'Conversation' })).findAllByRole('listitem');
    expect(messages.map((message) => message.textContent)).toEqual([expect.stringContaining('Any news?'), expect.stringContaining('Sending it today.')]);
    expect(messages[0]).toHaveTextContent('You');
    expect(messages[1]).toHaveTextContent('Dana (support)');

    expect(calls.map((call) => [call.method, call.path, call.query.get('page_size')])).toEqual([
      ['GET', '/api/tickets/7/', null],
      ['GET', '/api/tickets/7/comments/', '100'],
    ]);
    expect(calls.every((call) => call.headers.get('X-Ticket-Key') === KEY && call.credentials === 'omit')).toBe(true);
    // Nothing of the agents' app: no navigation, no sign-in link; the brand only.
    const header = screen.getByRole('banner');
    expect(within(header).getAllByRole('link').map((link) => link.textContent)).toEqual(['ticketsvc']);
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('sends a reply with the key and shows it in the conversation', async () => {
    const calls = stubFollow();
    setCsrfToken('agent-session-token'); // an agent signed in in the same browser must not leak into it
    const user = userEvent.setup();
    renderApp(`/follow/7#${KEY}`, { user: null });
    await user.type(await screen.findByLabelText('Your reply'), 'Thanks, got it.');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));

    expect(await screen.findByText('Reply sent.')).toBeInTheDocument();
    expect(await screen.findByText('Thanks, got it.')).toBeInTheDocument();
    const post = calls.find((call) => call.method === 'POST')!;
    expect(post.path).toBe('/api/tickets/7/comments/');
    expect(post.body).toEqual({ body: 'Thanks, got it.' });
    expect(post.headers.get('X-Ticket-Key')).toBe(KEY);
    expect(post.headers.has('X-CSRF-Token')).toBe(false);
    expect(post.credentials).toBe('omit');
  });

  it.each([
    ['a wrong key (401)', `/follow/7#wrong-key`],
    ['a ticket the key is not for (404)', `/follow/8#${KEY}`],
  ])('says "This link is not valid" for %s, and does not ask to sign in', async (_case, url) => {
    stubFollow();
    renderApp(url, { user: null });
    expect(await screen.findByRole('heading', { name: 'This link is not valid' })).toBeInTheDocument();
    expect(window.location.pathname).toMatch(/^\/follow\//);
  });

  it('keeps the ticket and the key in the address when a keyboard user skips to the content', async () => {
    const calls = stubFollow();
    const user = userEvent.setup();
    renderApp(`/follow/7#${KEY}`, { user: null });
    await screen.findByRole('heading', { level: 1, name: 'Invoice missing' });
    await user.tab();
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(window.location.hash).toBe(`#${KEY}`);
    expect(screen.getByRole('heading', { level: 1, name: 'Invoice missing' })).toBeInTheDocument();
    expect(calls.every((call) => call.headers.get('X-Ticket-Key') === KEY)).toBe(true);
    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('says "This link is not valid" at once when the link lost its key', async () => {
    const calls = stubFollow();
    renderApp('/follow/7', { user: null });
    expect(await screen.findByRole('heading', { name: 'This link is not valid' })).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('shows that replies are closed on a closed ticket', async () => {
    stubFollow({ ticket: { ...TICKET, status: 'closed' } });
    renderApp(`/follow/7#${KEY}`, { user: null });
    expect(await screen.findByText(/This ticket is closed\. Replies are closed/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Your reply')).not.toBeInTheDocument();
  });

  it('shows the 409 when the ticket was closed meanwhile, then that replies are closed', async () => {
    let closed = false;
    const calls = stubApi((call) => {
      if (call.path === '/api/tickets/7/') return { body: { ...TICKET, status: closed ? 'closed' : 'open' } };
      if (call.method === 'POST') {
        closed = true;
        return { status: 409, body: { message: 'This ticket is closed.' } };
      }
      return { body: makeListPage(COMMENTS) };
    });
    const user = userEvent.setup();
    renderApp(`/follow/7#${KEY}`, { user: null });
    await user.type(await screen.findByLabelText('Your reply'), 'Hello?');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText(/This ticket is closed\./)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByLabelText('Your reply')).not.toBeInTheDocument());
    expect(calls.filter((call) => call.path === '/api/tickets/7/').length).toBeGreaterThan(1);
  });
});
