import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '../../../lib/api-client';
import { LEE, makeCannedReply } from '../../../test/canned-replies';
import { stubApi, type ApiCall, type Reply } from '../../../test/fake-api';
import { ADMIN, AGENT, renderApp } from '../../../test/render';
import type { CannedReply, NewReply } from '../types';

const LEES_SHARED = makeCannedReply({
  id: 1,
  title: 'Refund on its way',
  body: 'Hello {{customer.name}},\nyour refund is on its way.',
  shared: true,
  owner: LEE,
  uses: 12,
  updated_at: '2026-11-20T09:00:00Z',
});
const DANAS_OWN = makeCannedReply({ id: 2, title: 'Password reset', body: 'Use "Forgot password?" on the sign-in page.', uses: 1 });

type Handler = (call: ApiCall) => Reply | undefined;

/** The server holds the replies; `refuse` may answer a write instead (a 4xx), else it is stored. */
function stubReplies({ replies = [LEES_SHARED, DANAS_OWN], refuse }: { replies?: CannedReply[]; refuse?: Handler } = {}) {
  let stored = [...replies];
  return stubApi((call) => {
    const refusal = call.method === 'GET' ? undefined : refuse?.(call);
    if (refusal) return refusal;
    if (call.method === 'POST' && call.path === '/api/replies/') {
      const created = makeCannedReply({ id: 9, updated_at: '2026-11-25T10:00:00Z', ...(call.body as NewReply) });
      stored = [...stored, created];
      return { status: 201, body: created };
    }
    const match = call.path.match(/^\/api\/replies\/(\d+)\/$/);
    if (match && call.method === 'PATCH') {
      stored = stored.map((reply) => (reply.id === Number(match[1]) ? { ...reply, ...(call.body as object) } : reply));
      return { body: stored.find((reply) => reply.id === Number(match[1])) };
    }
    if (match && call.method === 'DELETE') {
      stored = stored.filter((reply) => reply.id !== Number(match[1]));
      return { status: 204 };
    }
    if (call.path === '/api/replies/') return { body: stored };
    return { status: 404, body: { message: 'Not found.' } };
  });
}

const cardOf = (title: string) => screen.getByRole('listitem', { name: title });
const writes = (calls: ApiCall[]) => calls.filter((call) => call.method !== 'GET');

describe('the Replies page', () => {
  it('is in the agents\' menu', async () => {
    stubReplies();
    const user = userEvent.setup();
    renderApp('/dashboard');
    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Replies' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Saved replies' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Replies' })).toHaveAttribute('aria-current', 'page');
  });

  it('lists shared and own replies in the server\'s order, with owner and uses; another\'s shared reply is read-only', async () => {
    stubReplies();
    renderApp('/replies');
    await screen.findByRole('listitem', { name: 'Refund on its way' });
    const cards = within(screen.getByRole('list', { name: 'Saved replies' })).getAllByRole('listitem');
    expect(cards.map((card) => within(card).getByRole('heading').textContent)).toEqual([
      'Refund on its way',
      'Password reset',
    ]);

    expect(cardOf('Refund on its way')).toHaveTextContent('Shared');
    expect(cardOf('Refund on its way')).toHaveTextContent('By Lee');
    expect(cardOf('Refund on its way')).toHaveTextContent('Used 12 times');
    expect(cardOf('Refund on its way')).toHaveTextContent(/Hello \{\{customer\.name\}\},\s+your refund is on its way\./);
    expect(within(cardOf('Refund on its way')).queryByRole('button')).not.toBeInTheDocument();
    expect(cardOf('Refund on its way')).toHaveTextContent('Only Lee or an admin can change this reply.');

    expect(cardOf('Password reset')).toHaveTextContent('Only you');
    expect(cardOf('Password reset')).toHaveTextContent('By you');
    expect(cardOf('Password reset')).toHaveTextContent('Used once');
    expect(within(cardOf('Password reset')).getByRole('button', { name: 'Edit Password reset' })).toBeInTheDocument();
    expect(within(cardOf('Password reset')).getByRole('button', { name: 'Delete Password reset' })).toBeInTheDocument();
  });

  it('lets an admin edit and delete any shared reply', async () => {
    stubReplies({ replies: [LEES_SHARED] });
    renderApp('/replies', { user: ADMIN });
    await screen.findByRole('listitem', { name: 'Refund on its way' });
    expect(within(cardOf('Refund on its way')).getByRole('button', { name: 'Edit Refund on its way' })).toBeInTheDocument();
    expect(within(cardOf('Refund on its way')).getByRole('button', { name: 'Delete Refund on its way' })).toBeInTheDocument();
  });

  it('creates a reply, checking title and text first, shared when ticked', async () => {
    const calls = stubReplies();
    setCsrfToken('csrf-abc');
    const user = userEvent.setup();
    renderApp('/replies');
    await screen.findByRole('listitem', { name: 'Password reset' });
    const form = within(screen.getByRole('region', { name: 'New reply' }));

    await user.type(form.getByLabelText('Text'), 'Thanks, {{{{customer.name}}!'); // '{{' types one '{'
    await user.click(form.getByRole('button', { name: 'Save reply' }));
    expect(form.getByLabelText('Title')).toHaveAccessibleDescription(expect.stringContaining('Give the reply a title to find it by.'));
    await waitFor(() => expect(form.getByLabelText('Title')).toHaveFocus());
    expect(writes(calls)).toHaveLength(0);

    await user.type(form.getByLabelText('Title'), '  Thanks  ');
    await user.click(form.getByLabelText('Share with every agent'));
    await user.click(form.getByRole('button', { name: 'Save reply' }));

    expect(await screen.findByText('“Thanks” saved.')).toBeInTheDocument();
    const post = writes(calls)[0];
    expect(post).toMatchObject({ method: 'POST', path: '/api/replies/', body: { title: 'Thanks', body: 'Thanks, {{customer.name}}!', shared: true } });
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-abc');
    expect(await screen.findByRole('listitem', { name: 'Thanks' })).toHaveTextContent('Shared');
    expect(form.getByLabelText('Title')).toHaveValue('');
    expect(form.getByLabelText('Share with every agent')).not.toBeChecked();
  });

  it('shows the server\'s validation message at the field it names', async () => {
    stubReplies({ refuse: () => ({ status: 400, body: { message: 'Invalid input.', errors: { body: ['Contains a NUL character.'] } } }) });
    const user = userEvent.setup();
    renderApp('/replies');
    const form = within(await screen.findByRole('region', { name: 'New reply' }));
    await user.type(form.getByLabelText('Title'), 'Odd');
    await user.type(form.getByLabelText('Text'), 'Some text');
    await user.click(form.getByRole('button', { name: 'Save reply' }));

    await waitFor(() => expect(form.getByLabelText('Text')).toHaveAccessibleDescription(expect.stringContaining('Contains a NUL character.')));
    expect(form.getByRole('alert')).toHaveTextContent('Not saved: Invalid input.');
    expect(form.getByLabelText('Title')).toHaveValue('Odd');
  });

  it('edits an own reply in place with PATCH', async () => {
    const calls = stubReplies();
    const user = userEvent.setup();
    renderApp('/replies');
    await user.click(await screen.findByRole('button', { name: 'Edit Password reset' }));
    const card = within(cardOf('Password reset'));
    const text = card.getByLabelText('Text');
    expect(text).toHaveValue(DANAS_OWN.body);
    await user.clear(text);
    await user.type(text, 'Use the link on the sign-in page.');
    await user.click(card.getByRole('button', { name: 'Save changes' }));

    expect(await card.findByText('Saved.')).toBeInTheDocument();
    expect(card.queryByLabelText('Text')).not.toBeInTheDocument();
    expect(cardOf('Password reset')).toHaveTextContent('Use the link on the sign-in page.');
    expect(writes(calls)).toEqual([
      expect.objectContaining({ method: 'PATCH', path: '/api/replies/2/', body: { title: 'Password reset', body: 'Use the link on the sign-in page.', shared: false } }),
    ]);
  });

  it('leaves a reply as it was when editing is cancelled', async () => {
    const calls = stubReplies();
    const user = userEvent.setup();
    renderApp('/replies');
    await user.click(await screen.findByRole('button', { name: 'Edit Password reset' }));
    await user.type(within(cardOf('Password reset')).getByLabelText('Title'), ' (old)');
    await user.click(within(cardOf('Password reset')).getByRole('button', { name: 'Cancel' }));
    expect(within(cardOf('Password reset')).queryByLabelText('Title')).not.toBeInTheDocument();
    expect(writes(calls)).toHaveLength(0);
  });

  it('deletes a reply only after confirming', async () => {
    const calls = stubReplies();
    const user = userEvent.setup();
    renderApp('/replies');
    await user.click(await screen.findByRole('button', { name: 'Delete Password reset' }));
    expect(writes(calls)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));

    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Password reset' })).not.toBeInTheDocument());
    expect(writes(calls)).toEqual([expect.objectContaining({ method: 'DELETE', path: '/api/replies/2/' })]);
  });

  it('says why a deletion was refused', async () => {
    stubReplies({ refuse: () => ({ status: 403, body: { message: 'Only its owner or an admin may change a shared reply.' } }) });
    const user = userEvent.setup();
    renderApp('/replies', { user: AGENT });
    await user.click(await screen.findByRole('button', { name: 'Delete Password reset' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(await within(cardOf('Password reset')).findByRole('alert')).toHaveTextContent(
      'Not deleted: Only its owner or an admin may change a shared reply.',
    );
  });

  it('says so when there are no replies yet', async () => {
    stubReplies({ replies: [] });
    renderApp('/replies');
    expect(await screen.findByText('No saved replies yet: write the first one above.')).toBeInTheDocument();
  });
});
