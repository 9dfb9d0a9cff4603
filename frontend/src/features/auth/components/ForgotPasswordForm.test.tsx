import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubApi, type Reply } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';

const SENT = 'If an account uses that address, we sent a link to reset its password. It works for one hour.';

function stubResetRequest(reply: () => Reply = () => ({ status: 202, body: { message: 'On its way.' } })) {
  return stubApi((call) => {
    if (call.path === '/api/auth/password-reset/') return reply();
    return { status: 401, body: { message: 'Authentication required.' } };
  });
}

async function askForLink(email: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Email'), email);
  await user.click(screen.getByRole('button', { name: 'Send the link' }));
  return user;
}

describe('forgotten password', () => {
  it('is offered on the sign-in page', async () => {
    stubResetRequest();
    const user = userEvent.setup();
    renderApp('/sign-in', { user: null });
    await user.click(await screen.findByRole('link', { name: 'Forgot password?' }));
    expect(window.location.pathname).toBe('/forgot-password');
    expect(await screen.findByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeInTheDocument();
  });

  it('asks for a link and then says the same thing whatever the address', async () => {
    const calls = stubResetRequest();
    renderApp('/forgot-password', { user: null });
    await askForLink('  dana@example.com ');
    expect(await screen.findByText(SENT)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Check your email' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/sign-in');
    const requests = calls.filter((call) => call.path === '/api/auth/password-reset/');
    expect(requests).toMatchObject([{ method: 'POST', body: { email: 'dana@example.com' } }]);
    expect(document.title).toMatch(/^Forgot password/);
  });

  it('tells how long to wait after too many requests', async () => {
    stubResetRequest(() => ({ status: 429, body: { message: 'Too many password resets.' }, headers: { 'Retry-After': '42' } }));
    renderApp('/forgot-password', { user: null });
    await askForLink('dana@example.com');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts, try again in 42 s.');
    expect(screen.queryByText(SENT)).not.toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue('dana@example.com');
  });

  it("puts the server's refusal of the address next to the field", async () => {
    stubResetRequest(() => ({ status: 400, body: { message: 'Invalid input.', errors: { email: ['Not a valid email address.'] } } }));
    renderApp('/forgot-password', { user: null });
    await askForLink('dana@');
    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(expect.stringContaining('Not a valid email address.')));
    expect(screen.queryByText(SENT)).not.toBeInTheDocument();
  });

  it('asks for the email before sending anything', async () => {
    const calls = stubResetRequest();
    const user = userEvent.setup();
    renderApp('/forgot-password', { user: null });
    await user.click(await screen.findByRole('button', { name: 'Send the link' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(expect.stringContaining('Enter your email.'));
    expect(screen.getByLabelText('Email')).toHaveFocus();
    expect(calls.filter((call) => call.path === '/api/auth/password-reset/')).toHaveLength(0);
  });
});
