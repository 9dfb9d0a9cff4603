import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeListPage, stubApi, type ApiCall, type Reply } from '../../../test/fake-api';
import { ADMIN, AGENT, renderApp } from '../../../test/render';
import type { Account } from '../types';

const ACCOUNTS: Account[] = [
  { ...ADMIN, active: true, created_at: '2026-11-01T09:00:00Z', last_login_at: '2026-11-25T09:00:00Z' },
  { ...AGENT, active: true, created_at: '2026-11-02T09:00:00Z', last_login_at: null },
];

/** The server holds ACCOUNTS; `post` and `patch` decide those replies (a 2xx one is stored). */
function stubAccounts({ post, patch }: { post?: (call: ApiCall) => Reply; patch?: (call: ApiCall) => Reply } = {}) {
  const stored = [...ACCOUNTS];
  return stubApi((call) => {
    if (call.method === 'POST' && call.path === '/api/users/') {
      const reply = post?.(call) ?? { status: 201, body: { id: 9, active: true, created_at: '2026-11-25T10:00:00Z', last_login_at: null, ...(call.body as object) } };
      if (reply.status === 201) stored.push(reply.body as Account);
      return reply;
    }
    const match = call.path.match(/^\/api\/users\/(\d+)\/$/);
    if (call.method === 'PATCH' && match) {
      const index = stored.findIndex((account) => account.id === Number(match[1]));
      const reply = patch?.(call) ?? { body: { ...stored[index], ...(call.body as object) } };
      if ((reply.status ?? 200) === 200) stored[index] = reply.body as Account;
      return reply;
    }
    if (call.path === '/api/users/') return { body: makeListPage([...stored]) };
    return { status: 404, body: { message: 'Not found.' } };
  });
}

const cardOf = (name: string) => screen.getByRole('listitem', { name });

describe('accounts (admins)', () => {
  it('lists each account as a card with its email, role, status and last sign-in', async () => {
    const calls = stubAccounts();
    renderApp('/accounts', { user: ADMIN });
    await screen.findByRole('listitem', { name: 'Dana' });
    expect(cardOf('Dana')).toHaveTextContent('dana@example.com');
    expect(within(cardOf('Dana')).getByLabelText('Role of Dana')).toHaveValue('agent');
    expect(cardOf('Dana')).toHaveTextContent('Never');
    expect(cardOf('Ada')).toHaveTextContent('Active');
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/api/users/' });
  });

  it('creates an account, checking the password length first', async () => {
    const calls = stubAccounts();
    const user = userEvent.setup();
    renderApp('/accounts', { user: ADMIN });
    await user.type(await screen.findByLabelText('Email'), 'lee@example.com');
    await user.type(screen.getByLabelText('Name'), 'Lee');
    await user.selectOptions(screen.getByLabelText('Role'), 'admin');
    await user.type(screen.getByLabelText('First password'), 'too short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByLabelText('First password')).toHaveAccessibleDescription(expect.stringContaining('Use at least 12 characters.'));
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    await user.type(screen.getByLabelText('First password'), ' but now long enough');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Account for Lee created.')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')!.body).toEqual({
      email: 'lee@example.com',
      name: 'Lee',
      role: 'admin',
      password: 'too short but now long enough',
    });
    expect(await screen.findByRole('listitem', { name: 'Lee' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue('');
  });

  it('puts a taken email (409) next to the email field', async () => {
    stubAccounts({ post: () => ({ status: 409, body: { message: 'An account with this email already exists.' } }) });
    const user = userEvent.setup();
    renderApp('/accounts', { user: ADMIN });
    await user.type(await screen.findByLabelText('Email'), 'DANA@example.com');
    await user.type(screen.getByLabelText('Name'), 'Dana again');
    await user.type(screen.getByLabelText('First password'), 'a long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('An account with this email already exists.'),
    );
    expect(screen.getByLabelText('Email')).toHaveValue('DANA@example.com');
  });

  it('shows the server message when a change would leave no active admin (409)', async () => {
    const calls = stubAccounts({ patch: () => ({ status: 409, body: { message: 'That would leave no active admin.' } }) });
    const user = userEvent.setup();
    renderApp('/accounts', { user: ADMIN });
    await user.selectOptions(await screen.findByLabelText('Role of Ada'), 'agent');
    expect(await within(cardOf('Ada')).findByRole('alert')).toHaveTextContent('Not saved: That would leave no active admin.');
    expect(screen.getByLabelText('Role of Ada')).toHaveValue('admin');
    const patch = calls.find((call) => call.method === 'PATCH')!;
    expect(patch.path).toBe('/api/users/1/');
    expect(patch.body).toEqual({ role: 'agent' });
  });

  it('changes a role on a deliberate choice, not on each arrow key', async () => {
    const calls = stubAccounts();
    const user = userEvent.setup();
    renderApp('/accounts', { user: ADMIN });
    const role = await screen.findByLabelText<HTMLSelectElement>('Role of Dana');
    role.focus();
    // Chromium on an arrow key in a focused select: the key, then the next value.
    fireEvent.keyDown(role, { key: 'ArrowDown' });
    fireEvent.change(role, { target: { value: 'admin' } });
    await new Promise((settle) => setTimeout(settle, 100));
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);

    await user.keyboard('{Enter}');
    expect(await screen.findByText('Dana is now Admin.')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'PATCH')!.body).toEqual({ role: 'admin' });
  });

  it('deactivates after asking, then offers to reactivate', async () => {
    const calls = stubAccounts();
    const user = userEvent.setup();
    renderApp('/accounts', { user: ADMIN });
    await user.click(await screen.findByRole('button', { name: 'Deactivate Dana' }));
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, deactivate' }));
    expect(await within(cardOf('Dana')).findByText('Deactivated')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'PATCH')!.body).toEqual({ active: false });

    await user.click(screen.getByRole('button', { name: 'Reactivate Dana' }));
    expect(await within(cardOf('Dana')).findByText('Active')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'PATCH').at(-1)!.body).toEqual({ active: true });
  });

  it('sets a new password for someone', async () => {
    const calls = stubAccounts();
    const user = userEvent.setup();
    renderApp('/accounts', { user: ADMIN });
    await user.click(await screen.findByRole('button', { name: 'Set password for Dana' }));
    await user.type(screen.getByLabelText('New password for Dana'), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Save password' }));
    expect(await screen.findByText(/New password set for Dana/)).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'PATCH')).toMatchObject({ path: '/api/users/3/', body: { password: 'correct horse battery staple' } });
  });

  it('is only for admins: an agent is told so and nothing is asked of the API', async () => {
    const calls = stubAccounts();
    renderApp('/accounts', { user: AGENT });
    expect(await screen.findByText('Only admins may see this page.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
