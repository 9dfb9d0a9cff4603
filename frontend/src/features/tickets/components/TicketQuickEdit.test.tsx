import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { deferred, makePage, makeTicket, stubApi, type ApiCall, type Reply } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';
import type { Ticket } from '../types';

const SEEN = makeTicket({ id: 5, title: 'Refund please', status: 'open', category: 'billing', updated_at: '2026-11-25T09:00:00.000001Z' });

/** The server holds ticket #5 as `stored`; `patch` decides each PATCH's reply (a 200 reply is stored). */
function stubTicketApi(patch: (call: ApiCall, stored: Ticket) => Reply | Promise<Reply>, stored: Ticket = SEEN) {
  return stubApi(async (call) => {
    if (call.method === 'PATCH') {
      const reply = await patch(call, stored);
      if ((reply.status ?? 200) === 200) stored = reply.body as Ticket;
      return reply;
    }
    if (call.path === '/api/tickets/5/') return { body: stored };
    if (call.path === '/api/tickets/') return { body: makePage([stored]) };
    return { body: {} };
  });
}

const statusOfRow = () => screen.getByLabelText<HTMLSelectElement>('Status of ticket #5');

describe('changing a ticket from the list', () => {
  it('shows the change at once and sends it with If-Match of the version seen', async () => {
    const reply = deferred<Reply>();
    const calls = stubTicketApi(() => reply.promise);
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByText('Refund please');

    await user.selectOptions(statusOfRow(), 'in_progress');
    expect(statusOfRow()).toHaveValue('in_progress');
    const patch = calls.find((call) => call.method === 'PATCH')!;
    expect(patch.path).toBe('/api/tickets/5/');
    expect(patch.body).toEqual({ status: 'in_progress' });
    expect(patch.headers.get('If-Match')).toBe('"2026-11-25T09:00:00.000001Z"');

    reply.resolve({ body: { ...SEEN, status: 'in_progress', updated_at: '2026-11-25T10:00:00.000001Z' } });
    // Saved: the list is refetched to pick up whatever else changed, and still shows the change.
    await waitFor(() => expect(calls.filter((call) => call.path === '/api/tickets/')).toHaveLength(2));
    expect(statusOfRow()).toHaveValue('in_progress');
  });

  it('puts the old value back and says why when the save fails', async () => {
    const reply = deferred<Reply>();
    stubTicketApi(() => reply.promise);
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByText('Refund please');

    await user.selectOptions(screen.getByLabelText('Category of ticket #5'), 'technical');
    expect(screen.getByLabelText('Category of ticket #5')).toHaveValue('technical');
    reply.resolve({ status: 500, body: { message: 'Internal server error.' } });

    expect(await screen.findByRole('alert')).toHaveTextContent('Your change was not saved: Internal server error.');
    expect(screen.getByLabelText('Category of ticket #5')).toHaveValue('billing');
  });

  it('after a 412 says someone else changed the ticket, what they changed, and shows its current values', async () => {
    const theirs = { ...SEEN, status: 'resolved' as const, priority: 'high' as const, updated_at: '2026-11-25T11:00:00.000001Z' };
    // The list was read before their change, which the server holds by the time of ours.
    let stored = SEEN;
    stubApi((call) => {
      if (call.method === 'PATCH') {
        stored = theirs;
        return { status: 412, body: { message: 'Precondition failed.' } };
      }
      return { body: call.path === '/api/tickets/5/' ? stored : makePage([stored]) };
    });
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByText('Refund please');

    await user.selectOptions(statusOfRow(), 'closed');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this ticket, so your change was not saved.');
    expect(within(alert).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Status: Open → Resolved', 'Priority: Low → High']);
    expect(statusOfRow()).toHaveValue('resolved');
    expect(within(screen.getByText('Refund please').closest('li')!).getByText('High', { selector: '.badge' })).toBeInTheDocument();
  });

  it('sends a change made while another is saving only after it, with the version it produced', async () => {
    const firstReply = deferred<void>();
    let version = 0;
    const calls = stubTicketApi(async (call, stored) => {
      version += 1;
      const saved = { ...stored, ...(call.body as object), updated_at: `2026-11-25T1${version}:00:00.000001Z` };
      if (version === 1) await firstReply.promise;
      return { body: saved };
    });
    const patches = () => calls.filter((call) => call.method === 'PATCH');
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByText('Refund please');

    await user.selectOptions(statusOfRow(), 'in_progress');
    await user.selectOptions(screen.getByLabelText('Priority of ticket #5'), 'high');
    expect(screen.getByLabelText('Priority of ticket #5')).toHaveValue('high');
    expect(patches()).toHaveLength(1);

    firstReply.resolve();
    await waitFor(() => expect(patches()).toHaveLength(2));
    expect(patches()[0].headers.get('If-Match')).toBe('"2026-11-25T09:00:00.000001Z"');
    expect(patches()[1].headers.get('If-Match')).toBe('"2026-11-25T11:00:00.000001Z"');
    await waitFor(() => expect(screen.getByLabelText('Priority of ticket #5')).toHaveValue('high'));
    expect(statusOfRow()).toHaveValue('in_progress');
  });
});

/** What Chromium does on an arrow key in a focused, closed select: the key, then the next value, then `change`. */
function pressArrowDownTo(select: HTMLSelectElement, value: string) {
  fireEvent.keyDown(select, { key: 'ArrowDown' });
  fireEvent.change(select, { target: { value } });
}

/** The server's ticket #5 takes every PATCH and moves its version. */
function stubSavingServer() {
  let version = 0;
  return stubTicketApi((call, stored) => {
    version += 1;
    return { body: { ...stored, ...(call.body as object), updated_at: `2026-11-25T1${version}:00:00.000001Z` } };
  });
}

const patchesIn = (calls: ApiCall[]) => calls.filter((call) => call.method === 'PATCH');

/** The list with ticket #5, against a server that takes every PATCH; the status select focused when asked. */
async function renderSavingList({ focusStatus = false } = {}) {
  const calls = stubSavingServer();
  const user = userEvent.setup();
  renderApp('/');
  await screen.findByText('Refund please');
  if (focusStatus) statusOfRow().focus();
  return { calls, user };
}

describe('triage selects apply a deliberate choice, not every arrow key', () => {
  it('saves nothing while arrow keys browse a focused select, and the choice on Enter', async () => {
    const { calls, user } = await renderSavingList({ focusStatus: true });
    pressArrowDownTo(statusOfRow(), 'in_progress');
    pressArrowDownTo(statusOfRow(), 'resolved');
    expect(statusOfRow()).toHaveValue('resolved');
    expect(patchesIn(calls)).toHaveLength(0);

    await user.keyboard('{Enter}');
    await waitFor(() => expect(patchesIn(calls)).toHaveLength(1));
    expect(patchesIn(calls)[0].body).toEqual({ status: 'resolved' });
  });

  it('applies the browsed choice when the focus leaves the select', async () => {
    const { calls, user } = await renderSavingList({ focusStatus: true });
    pressArrowDownTo(statusOfRow(), 'in_progress');
    await new Promise((settle) => setTimeout(settle, 100));
    expect(patchesIn(calls)).toHaveLength(0);
    await user.click(document.body);
    await waitFor(() => expect(patchesIn(calls)).toHaveLength(1));
    expect(patchesIn(calls)[0].body).toEqual({ status: 'in_progress' });
  });

  it('puts the saved value back on Escape and sends nothing', async () => {
    const { calls, user } = await renderSavingList({ focusStatus: true });
    pressArrowDownTo(statusOfRow(), 'in_progress');
    await user.keyboard('{Escape}');
    expect(statusOfRow()).toHaveValue('open');
    await user.click(document.body);
    expect(patchesIn(calls)).toHaveLength(0);
  });

  it('confirms a saved change with "Updated · Undo", and Undo sends the old value back', async () => {
    const { calls, user } = await renderSavingList();
    const row = screen.getByText('Refund please').closest('li')!;

    await user.selectOptions(statusOfRow(), 'in_progress');
    expect(await within(row).findByText(/Updated ·/)).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: /^Undo/ }));

    await waitFor(() => expect(patchesIn(calls)).toHaveLength(2));
    expect(patchesIn(calls)[1].body).toEqual({ status: 'open' });
    expect(patchesIn(calls)[1].headers.get('If-Match')).toBe('"2026-11-25T11:00:00.000001Z"');
    await waitFor(() => expect(statusOfRow()).toHaveValue('open'));
    expect(await within(row).findByText('Change undone.')).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /^Undo/ })).not.toBeInTheDocument();
  });

  it('keeps a list row to one Tab stop; the arrows move between its title and selects', async () => {
    const { user } = await renderSavingList();
    const title = screen.getByRole('link', { name: 'Refund please' });
    const row = title.closest('li')!;
    title.focus();
    await user.tab();
    expect(row).not.toContainElement(document.activeElement as HTMLElement);

    title.focus();
    await user.keyboard('{ArrowRight}');
    expect(statusOfRow()).toHaveFocus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByLabelText('Priority of ticket #5')).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(title).toHaveFocus();
  });
});
