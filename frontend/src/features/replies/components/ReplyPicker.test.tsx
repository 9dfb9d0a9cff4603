import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LEE, makeCannedReply } from '../../../test/canned-replies';
import { makeListPage, makeTicket, stubApi, type Reply } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';
import type { CannedReply } from '../types';

const REFUND = makeCannedReply({
  id: 1,
  title: 'Refund on its way',
  body: 'Hello {{customer.name}},\nthe refund for #{{ticket.id}} ({{ticket.title}}) is on its way.\n{{agent.name}}',
  shared: true,
  owner: LEE,
  uses: 12,
  updated_at: '2026-11-20T09:00:00Z',
});
const PASSWORD = makeCannedReply({ id: 2, title: 'Password reset', body: 'Use "Forgot password?" on the sign-in page.', uses: 3 });
const INVOICE = makeCannedReply({
  id: 3,
  title: 'Invoice copy',
  body: 'Your invoices are under Billing → Invoices; each has a Download button.',
  shared: true,
  updated_at: '2026-11-22T09:00:00Z',
});

const TICKET = makeTicket({ id: 9, title: 'Charged twice', requester_name: 'Ann' });

/** Ticket #9's page, the server holding `replies`; returns the calls made. */
function stubTicketPage(replies: CannedReply[] | (() => Reply) = [REFUND, PASSWORD, INVOICE]) {
  return stubApi((call) => {
    if (call.path === '/api/replies/') return typeof replies === 'function' ? replies() : { body: replies };
    if (call.path === '/api/tickets/9/') return { body: TICKET };
    if (call.path === '/api/tickets/assignees/') return { body: [] };
    if (call.path === '/api/tickets/9/history/') return { body: makeListPage([]) };
    if (call.path === '/api/tickets/9/comments/' && call.method === 'POST') {
      const { body, internal } = call.body as { body: string; internal: boolean };
      return { status: 201, body: { id: 7, author: { kind: 'agent', id: 3, name: 'Dana' }, body, internal, created_at: TICKET.created_at } };
    }
    if (call.path === '/api/tickets/9/comments/') return { body: makeListPage([]) };
    return { status: 404, body: { message: 'Not found.' } };
  });
}

const FILLED_REFUND = 'Hello Ann,\nthe refund for #9 (Charged twice) is on its way.\nDana';

async function openTicket() {
  const user = userEvent.setup();
  renderApp('/tickets/9');
  const message = await screen.findByLabelText<HTMLTextAreaElement>('Message');
  return { user, message };
}

const searchBox = () => screen.getByRole('combobox', { name: 'Find a saved reply' });
const listbox = () => within(screen.getByRole('listbox', { name: 'Saved replies' }));
const options = () => listbox().queryAllByRole('option');
const activeOption = () => listbox().getByRole('option', { selected: true });

describe('the reply picker', () => {
  it('works from the keyboard alone: open, filter, move, insert the filled-in text, then send it as the body', async () => {
    const calls = stubTicketPage();
    const { user, message } = await openTicket();
    await user.click(message);
    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Insert reply' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Insert reply' })).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{Enter}');

    expect(searchBox()).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Insert reply' })).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(options()).toHaveLength(3));
    expect(options().map((option) => option.querySelector('.reply-picker__title')?.textContent)).toEqual([
      'Refund on its way',
      'Password reset',
      'Invoice copy',
    ]);
    expect(activeOption()).toHaveTextContent('Refund on its way');
    expect(searchBox()).toHaveAttribute('aria-activedescendant', activeOption().id);

    await user.keyboard('{ArrowDown}');
    expect(activeOption()).toHaveTextContent('Password reset');
    expect(searchBox()).toHaveAttribute('aria-activedescendant', activeOption().id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(activeOption()).toHaveTextContent('Invoice copy');

    await user.keyboard('ON ITS');
    expect(options()).toHaveLength(1);
    expect(activeOption()).toHaveTextContent('Refund on its way');
    await user.keyboard('{Enter}');

    expect(screen.queryByRole('combobox', { name: 'Find a saved reply' })).not.toBeInTheDocument();
    expect(message).toHaveValue(FILLED_REFUND);
    expect(message).toHaveFocus();
    expect(message.selectionStart).toBe(FILLED_REFUND.length);
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    await user.keyboard(' PS: thanks!');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('Reply sent to the customer.')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')!.body).toEqual({ body: `${FILLED_REFUND} PS: thanks!`, internal: false });
  });

  it('inserts at the cursor, over a selection, keeping what was written around it', async () => {
    stubTicketPage();
    const { user, message } = await openTicket();
    await user.type(message, 'Hi Ann,\n\nBest, Dana');
    message.setSelectionRange(9, 9);
    await user.click(screen.getByRole('button', { name: 'Insert reply' }));
    await user.keyboard('password');
    await user.keyboard('{Enter}');

    const text = 'Use "Forgot password?" on the sign-in page.';
    expect(message).toHaveValue(`Hi Ann,\n\n${text}Best, Dana`);
    expect(message).toHaveFocus();
    expect(message.selectionStart).toBe(9 + text.length);

    message.setSelectionRange(0, 7);
    await user.click(screen.getByRole('button', { name: 'Insert reply' }));
    await user.click(await screen.findByRole('option', { name: /Invoice copy/ }));
    expect(message).toHaveValue(`Your invoices are under Billing → Invoices; each has a Download button.\n\n${text}Best, Dana`);
  });

  it('filters by every word, in the title or the text, and says when nothing matches', async () => {
    const calls = stubTicketPage();
    const { user } = await openTicket();
    await user.click(screen.getByRole('button', { name: 'Insert reply' }));
    await waitFor(() => expect(options()).toHaveLength(3));
    expect(screen.getByText('3 replies')).toHaveAttribute('role', 'status');

    await user.keyboard('download');
    expect(options().map((option) => option.textContent)).toEqual([expect.stringContaining('Invoice copy')]);
    expect(screen.getByText('1 reply')).toBeInTheDocument();

    await user.keyboard(' refund');
    expect(options()).toHaveLength(0);
    expect(screen.getByText('No saved reply matches “download refund”.')).toHaveAttribute('role', 'status');
    expect(searchBox()).toHaveAttribute('aria-expanded', 'false');
    expect(searchBox()).not.toHaveAttribute('aria-activedescendant');
    await user.keyboard('{Enter}');
    expect(searchBox()).toHaveFocus();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('closes on Escape with the focus back in the message and nothing inserted', async () => {
    stubTicketPage();
    const { user, message } = await openTicket();
    await user.type(message, 'Draft');
    await user.click(screen.getByRole('button', { name: 'Insert reply' }));
    await waitFor(() => expect(options()).toHaveLength(3));
    await user.keyboard('{Escape}');

    expect(screen.queryByRole('combobox', { name: 'Find a saved reply' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Insert reply' })).toHaveAttribute('aria-expanded', 'false');
    expect(message).toHaveFocus();
    expect(message).toHaveValue('Draft');
  });

  it('closes when the focus leaves it', async () => {
    stubTicketPage();
    const { user } = await openTicket();
    await user.click(screen.getByRole('button', { name: 'Insert reply' }));
    await user.tab();
    expect(screen.queryByRole('combobox', { name: 'Find a saved reply' })).not.toBeInTheDocument();
  });

  it('points to the Replies page when there are no saved replies', async () => {
    stubTicketPage([]);
    const { user } = await openTicket();
    await user.click(screen.getByRole('button', { name: 'Insert reply' }));
    const link = await screen.findByRole('link', { name: 'Write one on the Replies page' });
    expect(link).toHaveAttribute('href', '/replies');
    expect(screen.getByText(/You have no saved replies yet/)).toBeInTheDocument();
  });

  it('says when the replies cannot be loaded, and tries again', async () => {
    let failing = true;
    stubTicketPage(() => (failing ? { status: 500, body: { message: 'Database unavailable.' } } : { body: [INVOICE] }));
    const { user } = await openTicket();
    await user.click(screen.getByRole('button', { name: 'Insert reply' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the saved replies: Database unavailable.');
    failing = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(options()).toHaveLength(1));
  });
});
