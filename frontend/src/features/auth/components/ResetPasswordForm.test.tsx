import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubApi, type ApiCall, type Reply } from '../../../test/fake-api';
import { AGENT, renderApp } from '../../../test/render';

const TOKEN = 'mailed-token-ABCdef0123456789_-xyz';
const NEW_PASSWORD = 'a brand new passphrase';

function stubConfirm(reply: () => Reply = () => ({ status: 204 })) {
  return stubApi((call) => {
    if (call.path === '/api/auth/password-reset/confirm/') return reply();
    return { status: 401, body: { message: 'Authentication required.' } };
  });
}

const confirmations = (calls: ApiCall[]) => calls.filter((call) => call.path === '/api/auth/password-reset/confirm/');

async function choose(password: string, repeated = password) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('New password'), password);
  await user.type(screen.getByLabelText('New password again'), repeated);
  await user.click(screen.getByRole('button', { name: 'Set password' }));
  return user;
}

describe('choosing a new password from a mailed link', () => {
  it('takes the token from the address, removes it from there, and sends it with the new password only to confirm', async () => {
    const calls = stubConfirm();
    renderApp(`/reset#${TOKEN}`, { user: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })).toBeInTheDocument();
    await waitFor(() => expect(window.location.href).toBe('http://localhost:3000/reset'));
    expect(window.location.hash).toBe('');

    await choose(NEW_PASSWORD);
    expect(await screen.findByRole('heading', { level: 1, name: 'Your password is set' })).toHaveFocus();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');
    expect(confirmations(calls)).toMatchObject([{ method: 'POST', body: { token: TOKEN, password: NEW_PASSWORD } }]);
    const elsewhere = calls.filter((call) => call.path !== '/api/auth/password-reset/confirm/');
    expect(JSON.stringify(elsewhere.map((call) => [call.path, call.query.toString(), call.body]))).not.toContain(TOKEN);
  });

  it('says a used or expired link is no longer valid, and offers a new one', async () => {
    stubConfirm(() => ({ status: 400, body: { message: 'This link is no longer valid.' } }));
    renderApp(`/reset#${TOKEN}`, { user: null });
    await choose(NEW_PASSWORD);
    expect(await screen.findByRole('heading', { level: 1, name: 'This link is no longer valid.' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
    expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
  });

  it('says so at once when the link has no token', async () => {
    const calls = stubConfirm();
    renderApp('/reset', { user: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'This link is no longer valid.' })).toBeInTheDocument();
    expect(confirmations(calls)).toHaveLength(0);
  });

  it('checks the password rules and the repetition before sending', async () => {
    const calls = stubConfirm();
    renderApp(`/reset#${TOKEN}`, { user: null });
    const user = await choose('short');
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(expect.stringContaining('Use at least 12 characters.'));

    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), NEW_PASSWORD);
    await user.type(screen.getByLabelText('New password again'), ' typo');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(screen.getByLabelText('New password again')).toHaveAccessibleDescription('The two passwords differ.');
    expect(confirmations(calls)).toHaveLength(0);
  });

  it("puts the server's refusal of the password next to that field and keeps the link", async () => {
    stubConfirm(() => ({ status: 400, body: { message: 'Invalid input.', errors: { password: ['Too much like your email.'] } } }));
    renderApp(`/reset#${TOKEN}`, { user: null });
    await choose('dana@example.com password');
    await waitFor(() => expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(expect.stringContaining('Too much like your email.')));
    expect(screen.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeInTheDocument();
  });

  it('forgets a user signed in here: the reset ended their sessions', async () => {
    stubConfirm();
    renderApp(`/reset#${TOKEN}`, { user: AGENT });
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    await choose(NEW_PASSWORD);
    await screen.findByRole('heading', { level: 1, name: 'Your password is set' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument());
  });
});
