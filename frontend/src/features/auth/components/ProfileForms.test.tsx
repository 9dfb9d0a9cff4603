import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubApi } from '../../../test/fake-api';
import { AGENT, renderApp } from '../../../test/render';

describe('profile', () => {
  it('renames the user and shows the new name in the header', async () => {
    const calls = stubApi((call) => ({ body: { ...AGENT, ...(call.body as object) } }));
    const user = userEvent.setup();
    renderApp('/profile');
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Dana Q.');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect(await screen.findByText('Name saved.')).toBeInTheDocument();
    expect(calls[0]).toMatchObject({ method: 'PATCH', path: '/api/auth/me/', body: { name: 'Dana Q.' } });
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Dana Q.' })).toBeInTheDocument();
  });

  it('puts a wrong current password next to that field', async () => {
    const calls = stubApi(() => ({
      status: 400,
      body: { message: 'Invalid input.', errors: { current_password: ['Wrong password.'] } },
    }));
    const user = userEvent.setup();
    renderApp('/profile');
    await user.type(await screen.findByLabelText('Current password'), 'not my password');
    await user.type(screen.getByLabelText('New password'), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription('Wrong password.'));
    expect(calls[0].body).toEqual({ password: 'a brand new passphrase', current_password: 'not my password' });
  });

  it('refuses a new password under 12 characters without sending it', async () => {
    const calls = stubApi(() => ({ body: AGENT }));
    const user = userEvent.setup();
    renderApp('/profile');
    await user.type(await screen.findByLabelText('Current password'), 'my current one');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(expect.stringContaining('Use at least 12 characters.'));
    expect(calls).toHaveLength(0);
  });
});
