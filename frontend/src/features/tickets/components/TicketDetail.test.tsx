import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeListPage, makeTicket, stubApi, type ApiCall, type Reply } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';
import type { Assignee, HistoryEntry, Ticket, TicketComment } from '../types';

const TEAM: Assignee[] = [
  { id: 3, name: 'Dana', role: 'agent' },
  { id: 4, name: 'Lee', role: 'admin' },
];
const RECENTLY = new Date(Date.now() - 3 * 60_000).toISOString();

const COMMENTS: TicketComment[] = [
  { id: 1, author: { kind: 'customer', name: 'Ann' }, body: 'It still fails.', internal: false, created_at: RECENTLY },
  { id: 2, author: { kind: 'agent', id: 3, name: 'Dana' }, body: 'Probably the CSV encoder.', internal: true, created_at: RECENTLY },
  { id: 3, author: { kind: 'agent', id: 3, name: 'Dana' }, body: 'We are on it.', internal: false, created_at: RECENTLY },
];

const HISTORY: HistoryEntry[] = [
  { id: 1, at: RECENTLY, actor: { kind: 'customer' }, action: 'created', changes: { title: [null, 'Export fails'] } },
  { id: 2, at: RECENTLY, actor: { kind: 'agent', id: 3, name: 'Dana' }, action: 'changed', changes: { priority: ['medium', 'high'] } },
  { id: 3, at: RECENTLY, actor: { kind: 'customer' }, action: 'commented', changes: { comment_id: [null, 1], internal: [null, false] } },
  { id: 4, at: RECENTLY, actor: { kind: 'agent', id: 3, name: 'Dana' }, action: 'commented', changes: { comment_id: [null, 2], internal: [null, true] } },
  { id: 5, at: RECENTLY, actor: { kind: 'agent', id: 3, name: 'Dana' }, action: 'changed', changes: { assignee: [null, 4] } },
  {
    id: 6,
    at: RECENTLY,
    actor: { kind: 'system', name: 'flask tickets reclassify' },
    action: 'reclassified',
    changes: { suggested_priority: ['low', 'medium'] },
  },
];

const TICKET = makeTicket({
  id: 9,
  title: 'Export fails',
  description: 'Line one\nLine two',
  suggested_category: 'technical',
  suggested_priority: 'medium',
  classification_source: 'gemini',
  updated_at: '2026-11-25T09:30:00.000001Z',
});

/** A PATCH as the server does it: assignee_id becomes the assignee, updated_at moves. */
function applyPatch(call: ApiCall, stored: Ticket): Reply {
  const { assignee_id: assigneeId, ...fields } = call.body as Partial<Ticket> & { assignee_id?: number | null };
  const assignee = assigneeId === undefined ? stored.assignee : (TEAM.find((person) => person.id === assigneeId) ?? null);
  return {
    body: {
      ...stored,
      ...fields,
      assignee: assignee && { id: assignee.id, name: assignee.name },
      updated_at: '2026-11-25T10:00:00.000001Z',
    },
  };
}

/** The server holds ticket #9, its conversation and history; a PATCH the `patch` handler answers with 200 is stored. */
function stubDetail(
  patch: (call: ApiCall, stored: Ticket) => Reply = applyPatch,
  { ticket = TICKET, comments = COMMENTS, history = HISTORY }: { ticket?: Ticket; comments?: TicketComment[]; history?: HistoryEntry[] } = {},
) {
  let stored = ticket;
  const storedComments = [...comments];
  return stubApi((call) => {
    if (call.method === 'PATCH') {
      const reply = patch(call, stored);
      if ((reply.status ?? 200) === 200) stored = reply.body as Ticket;
      return reply;
    }
    if (call.path === '/api/tickets/9/') return { body: stored };
    if (call.path === '/api/tickets/assignees/') return { body: TEAM };
    if (call.path === '/api/tickets/9/history/') return { body: makeListPage(history) };
    if (call.path === '/api/tickets/9/comments/' && call.method === 'POST') {
      const { body, internal } = call.body as { body: string; internal: boolean };
      const comment: TicketComment = { id: 99, author: { kind: 'agent', id: 3, name: 'Dana' }, body, internal, created_at: RECENTLY };
      storedComments.push(comment);
      return { status: 201, body: comment };
    }
    if (call.path === '/api/tickets/9/comments/') return { body: makeListPage([...storedComments]) };
    return { status: 404, body: { message: 'Ticket not found.' } };
  });
}

/** Ticket #9's page with the assignee picker ready (the team loaded). */
async function openAssigneePicker(patch?: (call: ApiCall, stored: Ticket) => Reply) {
  const calls = stubDetail(patch);
  const user = userEvent.setup();
  renderApp('/tickets/9');
  const picker = await screen.findByLabelText<HTMLSelectElement>('Assignee');
  await waitFor(() => expect(within(picker).getByRole('option', { name: 'Lee' })).toBeInTheDocument());
  return { calls, user, picker };
}

const getCalls = (calls: ApiCall[], path: string) => calls.filter((call) => call.method === 'GET' && call.path === path);

describe('ticket detail', () => {
  it('shows the whole ticket and what the classifier suggested', async () => {
    stubDetail();
    renderApp('/tickets/9');
    expect(await screen.findByRole('heading', { level: 1, name: 'Export fails' })).toBeInTheDocument();
    expect(screen.getByText(/Line one\s+Line two/, { selector: 'p' })).toBeInTheDocument();
    expect(screen.getByText('Suggested by Gemini: Technical, Medium priority.')).toBeInTheDocument();
    expect(screen.getByLabelText('Status of ticket #9')).toHaveValue('open');
  });

  it('saves an edited title with If-Match and shows it', async () => {
    const calls = stubDetail();
    const user = userEvent.setup();
    renderApp('/tickets/9');
    const title = await screen.findByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'CSV export fails');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('CSV export fails');
    const patch = calls.find((call) => call.method === 'PATCH')!;
    expect(patch.body).toEqual({ title: 'CSV export fails' });
    expect(patch.headers.get('If-Match')).toBe('"2026-11-25T09:30:00.000001Z"');
  });

  it('shows the server message next to the field it is about', async () => {
    stubDetail(() => ({ status: 400, body: { message: 'Invalid input.', errors: { description: ['Contains a NUL character.'] } } }));
    const user = userEvent.setup();
    renderApp('/tickets/9');
    await user.type(await screen.findByLabelText('Description'), ' more');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.getByLabelText('Description')).toHaveAccessibleDescription('Contains a NUL character.'));
    expect(screen.getByLabelText('Description')).toHaveValue('Line one\nLine two more');
  });

  it('says plainly when the ticket does not exist', async () => {
    stubDetail();
    renderApp('/tickets/99');
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no ticket #99.');
  });

  it('shows who asked, when the ticket says', async () => {
    stubDetail(undefined, { ticket: { ...TICKET, requester_name: 'Ann', requester_email: 'ann@example.com' } });
    renderApp('/tickets/9');
    expect(await screen.findByText('Ann')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ann@example.com' })).toHaveAttribute('href', 'mailto:ann@example.com');
  });

  it('links to exactly the requester\'s address, even one that reads like mailto: headers', async () => {
    const email = 'x?cc=boss&body=pay%20now@example.com';
    stubDetail(undefined, { ticket: { ...TICKET, requester_email: email } });
    renderApp('/tickets/9');
    const link = await screen.findByRole('link', { name: email });
    expect(link).toHaveAttribute('href', 'mailto:x%3Fcc%3Dboss%26body%3Dpay%2520now@example.com');
  });
});

describe('working a ticket', () => {
  it('shows the conversation oldest first, internal notes labelled in words and styled apart', async () => {
    stubDetail();
    renderApp('/tickets/9');
    const conversation = await screen.findByRole('region', { name: 'Conversation' });
    const messages = await within(conversation).findAllByRole('listitem');
    expect(messages.map((message) => message.querySelector('.comment__body')!.textContent)).toEqual([
      'It still fails.',
      'Probably the CSV encoder.',
      'We are on it.',
    ]);
    expect(messages[0]).toHaveAccessibleName('Message from Ann (customer)');
    expect(messages[1]).toHaveAccessibleName('Internal note from Dana');
    expect(within(messages[1]).getByText('Internal note')).toBeVisible();
    expect(messages[1]).toHaveClass('comment--internal');
    expect(within(messages[2]).queryByText('Internal note')).not.toBeInTheDocument();
    expect(messages[2]).not.toHaveClass('comment--internal');
  });

  it('sends a reply to the customer, or with the switch on an internal note, then refreshes the conversation and history', async () => {
    const calls = stubDetail();
    const user = userEvent.setup();
    renderApp('/tickets/9');
    const message = await screen.findByLabelText('Message');
    expect(message).toHaveAccessibleDescription('The customer will see this reply on their private link.');
    await user.type(message, 'Fixed in 2.3.1');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('Reply sent to the customer.')).toBeInTheDocument();

    const internalSwitch = screen.getByRole('checkbox', { name: /Internal note/ });
    await user.click(internalSwitch);
    expect(message).toHaveAccessibleDescription('Only agents will see this note.');
    await user.type(message, 'Customer on the old plan');
    await user.click(screen.getByRole('button', { name: 'Add internal note' }));
    expect(await screen.findByText('Internal note added.')).toBeInTheDocument();

    const posts = calls.filter((call) => call.method === 'POST' && call.path === '/api/tickets/9/comments/');
    expect(posts.map((call) => call.body)).toEqual([
      { body: 'Fixed in 2.3.1', internal: false },
      { body: 'Customer on the old plan', internal: true },
    ]);
    await waitFor(() => expect(getCalls(calls, '/api/tickets/9/comments/')).toHaveLength(3));
    await waitFor(() => expect(getCalls(calls, '/api/tickets/9/history/')).toHaveLength(3));
    await waitFor(() => expect(screen.getAllByRole('listitem', { name: 'Internal note from Dana' })).toHaveLength(2));
    expect(message).toHaveValue('');
  });

  it('refuses an empty reply without sending it', async () => {
    const calls = stubDetail();
    const user = userEvent.setup();
    renderApp('/tickets/9');
    await user.click(await screen.findByRole('button', { name: 'Send reply' }));
    expect(screen.getByLabelText('Message')).toHaveAccessibleDescription(expect.stringContaining('Write a message first.'));
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('tells the history in sentences, with names for assignee ids and labels for values', async () => {
    stubDetail();
    renderApp('/tickets/9');
    const history = await screen.findByRole('region', { name: 'History' });
    await waitFor(() => expect(within(history).getAllByRole('listitem')).toHaveLength(6));
    await waitFor(() => expect(within(history).getByText(/Dana changed assignee/)).toHaveTextContent('Dana changed assignee Unassigned → Lee'));
    const sentences = within(history)
      .getAllByRole('listitem')
      .map((entry) => entry.textContent);
    expect(sentences).toEqual([
      'Created by customer · 3 minutes ago',
      'Dana changed priority Medium → High · 3 minutes ago',
      'Customer replied · 3 minutes ago',
      'Dana added an internal note · 3 minutes ago',
      'Dana changed assignee Unassigned → Lee · 3 minutes ago',
      'flask tickets reclassify reclassified: suggested priority Low → Medium · 3 minutes ago',
    ]);
  });

  it('assigns the ticket with If-Match, shows it at once, and can take it back to Unassigned', async () => {
    const { calls, user, picker } = await openAssigneePicker();
    expect(picker).toHaveValue('');

    await user.selectOptions(picker, 'Lee');
    expect(picker).toHaveValue('4');
    const patches = () => calls.filter((call) => call.method === 'PATCH');
    await waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0].body).toEqual({ assignee_id: 4 });
    expect(patches()[0].headers.get('If-Match')).toBe('"2026-11-25T09:30:00.000001Z"');

    await user.selectOptions(picker, 'Unassigned');
    await waitFor(() => expect(patches()).toHaveLength(2));
    expect(patches()[1].body).toEqual({ assignee_id: null });
    expect(patches()[1].headers.get('If-Match')).toBe('"2026-11-25T10:00:00.000001Z"');
    await waitFor(() => expect(picker).toHaveValue(''));
  });

  it('confirms an assignment with "Updated · Undo"; Undo gives the ticket back to its previous holder', async () => {
    const { calls, user, picker } = await openAssigneePicker();
    await user.selectOptions(picker, 'Lee');
    const pickerArea = picker.closest<HTMLElement>('.assignee-picker')!;
    await user.click(await within(pickerArea).findByRole('button', { name: /^Undo/ }));

    const patches = () => calls.filter((call) => call.method === 'PATCH');
    await waitFor(() => expect(patches()).toHaveLength(2));
    expect(patches()[1].body).toEqual({ assignee_id: null });
    await waitFor(() => expect(picker).toHaveValue(''));
  });

  it('shows the server message when an assignment is refused', async () => {
    const { user, picker } = await openAssigneePicker(() => ({
      status: 400,
      body: { message: 'Invalid input.', errors: { assignee_id: ['Not an active agent.'] } },
    }));
    await user.selectOptions(picker, 'Lee');
    expect(await screen.findByRole('alert')).toHaveTextContent('Your change was not saved: Invalid input.');
    expect(picker).toHaveValue('');
  });
});
