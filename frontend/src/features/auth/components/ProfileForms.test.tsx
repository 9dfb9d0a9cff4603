import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { deferred, stubApi, type ApiCall, type Reply } from '../../../test/fake-api';
import { AGENT, renderApp } from '../../../test/render';

const patches = (calls: ApiCall[]) => calls.filter((call) => call.method === 'PATCH');

/** The server holds AGENT as `stored`; `patch` answers each PATCH (by default: stored, changed). */
function stubProfile(patch?: (call: ApiCall) => Reply | Promise<Reply>, stored = AGENT) {
  let current = { ...stored, csrf_token: 'csrf-abc' };
  return stubApi(async (call) => {
    if (call.method !== 'PATCH') return { body: current };
    if (patch) return patch(call);
    current = { ...current, ...(call.body as object) };
    return { body: current };
  });
}

describe('profile', () => {
  it('renames the user and shows the new name in the header', async () => {
    const calls = stubProfile();
    const user = userEvent.setup();
    renderApp('/profile');
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Dana Q.');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect(await screen.findByText('Name saved.')).toBeInTheDocument();
    expect(patches(calls)).toMatchObject([{ path: '/api/auth/me/', body: { name: 'Dana Q.' } }]);
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Dana Q.' })).toBeInTheDocument();
  });

  it('puts a wrong current password next to that field', async () => {
    const calls = stubProfile(() => ({
      status: 400,
      body: { message: 'Invalid input.', errors: { current_password: ['Wrong password.'] } },
    }));
    const user = userEvent.setup();
    renderApp('/profile');
    await user.type(await screen.findByLabelText('Current password'), 'not my password');
    await user.type(screen.getByLabelText('New password'), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription('Wrong password.'));
    expect(patches(calls)[0].body).toEqual({ password: 'a brand new passphrase', current_password: 'not my password' });
  });

  it('refuses a new password under 12 characters without sending it', async () => {
    const calls = stubProfile();
    const user = userEvent.setup();
    renderApp('/profile');
    await user.type(await screen.findByLabelText('Current password'), 'my current one');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(expect.stringContaining('Use at least 12 characters.'));
    expect(patches(calls)).toHaveLength(0);
  });

  it('keeps the page when asking the server again fails', async () => {
    const failed = deferred<void>();
    stubApi(() => {
      failed.resolve();
      return { status: 503, body: { message: 'Database unavailable.' } };
    });
    renderApp('/profile');
    await act(async () => {
      await failed.promise;
      await new Promise((settle) => setTimeout(settle, 50));
    });
    expect(screen.getByRole('heading', { name: 'Your profile', level: 1 })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Dana');
    expect(screen.queryByText(/Could not check your session/)).not.toBeInTheDocument();
  });
});

describe('"Email me about my tickets"', () => {
  const mailBox = () => screen.findByRole('checkbox', { name: 'Email me about my tickets' });

  it('shows the setting the server holds now, not the one from signing in', async () => {
    stubProfile(undefined, { ...AGENT, notify_by_mail: false });
    renderApp('/profile');
    await waitFor(async () => expect(await mailBox()).not.toBeChecked());
    expect(await mailBox()).toHaveAccessibleDescription('When a ticket is assigned to you, and when a customer replies on a ticket you hold.');
  });

  it('is saved as soon as it changes, and says so', async () => {
    const calls = stubProfile();
    const user = userEvent.setup();
    renderApp('/profile');
    await user.click(await mailBox());
    expect(await screen.findByText('Saved: we will not email you about your tickets.')).toBeInTheDocument();
    expect(await mailBox()).not.toBeChecked();
    expect(patches(calls)).toMatchObject([{ path: '/api/auth/me/', body: { notify_by_mail: false } }]);
    expect(patches(calls)[0].headers.get('X-CSRF-Token')).toBe('csrf-abc');

    await user.click(await mailBox());
    expect(await screen.findByText('Saved: we will email you about your tickets.')).toBeInTheDocument();
    expect(await mailBox()).toBeChecked();
    expect(patches(calls).map((call) => call.body)).toEqual([{ notify_by_mail: false }, { notify_by_mail: true }]);
  });

  it('shows the new value while saving, ignores clicks meanwhile, and goes back when saving fails', async () => {
    const answer = deferred<Reply>();
    const calls = stubProfile(() => answer.promise);
    const user = userEvent.setup();
    renderApp('/profile');
    const box = await mailBox();
    await user.click(box);
    expect(box).not.toBeChecked();
    expect(screen.getByText('Saving…')).toBeInTheDocument();
    await user.click(box);
    expect(box).not.toBeChecked();
    expect(patches(calls)).toHaveLength(1);

    answer.resolve({ status: 503, body: { message: 'Database unavailable.' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Not saved: Database unavailable.');
    expect(box).toBeChecked();
    expect(screen.queryByText(/^Saved/)).not.toBeInTheDocument();
  });
});
