import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { deferred, makePage, stubApi, ticketListCalls, type ApiCall, type Reply } from '../../../test/fake-api';
import { AGENT, renderApp } from '../../../test/render';

const SESSION = { ...AGENT, csrf_token: 'csrf-abc' };

/** The API for sign-in tests: `attempt` answers the sign-in; signed in, tickets and stats answer. */
function stubAuthApi(attempt: (call: ApiCall) => Reply = () => ({ body: SESSION })) {
  let signedIn = false;
  return stubApi((call) => {
    if (call.path === '/api/auth/login/') {
      const reply = attempt(call);
      signedIn = (reply.status ?? 200) === 200;
      return reply;
    }
    if (call.path === '/api/auth/logout/') {
      signedIn = false;
      return { status: 204 };
    }
    if (!signedIn) return { status: 401, body: { message: 'Authentication required.' } };
    if (call.path === '/api/auth/me/') return { body: SESSION };
    if (call.path === '/api/tickets/') return { body: makePage([]) };
    if (call.path === '/api/tickets/stats/') return { status: 503, body: { message: 'Down.' } };
    return { status: 404, body: { message: 'Not found.' } };
  });
}

async function signIn(email = 'dana@example.com', password = 'correct horse battery') {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

describe('signing in', () => {
  it('signs in, returns to `next`, shows the name and Sign out, and sends the CSRF token from then on', async () => {
    const calls = stubAuthApi();
    renderApp('/sign-in?next=%2Fdashboard', { user: null });
    const user = await signIn();

    expect(await screen.findByRole('heading', { name: 'Dashboard', level: 1 })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/dashboard');
    const attempt = calls.find((call) => call.path === '/api/auth/login/')!;
    expect(attempt.body).toEqual({ email: 'dana@example.com', password: 'correct horse battery' });
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('link', { name: 'Dana' })).toBeInTheDocument();

    await user.click(within(header).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(window.location.pathname).toBe('/sign-in'));
    const logout = calls.find((call) => call.path === '/api/auth/logout/')!;
    expect(logout.method).toBe('POST');
    expect(logout.headers.get('X-CSRF-Token')).toBe('csrf-abc');
    expect(within(header).queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('drops what is still loading before signing out, so nothing is answered for a session that has ended', async () => {
    const stats = deferred<Reply>();
    let statsCall: ApiCall | undefined;
    let statsAbortedBeforeLogout: boolean | undefined;
    stubApi((call) => {
      if (call.path === '/api/auth/logout/') {
        statsAbortedBeforeLogout = statsCall?.signal?.aborted;
        return { status: 204 };
      }
      if (call.path === '/api/tickets/stats/') {
        statsCall = call;
        return stats.promise;
      }
      if (call.path === '/api/tickets/') return { body: makePage([]) };
      return { body: SESSION };
    });
    renderApp('/dashboard');
    const header = screen.getByRole('banner');
    await waitFor(() => expect(statsCall).toBeDefined());

    await userEvent.setup().click(within(header).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(window.location.pathname).toBe('/sign-in'));
    expect(statsAbortedBeforeLogout).toBe(true);
    stats.resolve({ status: 401, body: { message: 'Authentication required.' } });
  });

  it('says so when the email or password is wrong, and stays on the page', async () => {
    stubAuthApi(() => ({ status: 401, body: { message: 'Invalid email or password.' } }));
    renderApp('/sign-in?next=%2Fdashboard', { user: null });
    await signIn('dana@example.com', 'wrong password!');

    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password.');
    expect(window.location.pathname).toBe('/sign-in');
    expect(window.location.search).toBe('?next=%2Fdashboard');
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(screen.getByLabelText('Email')).toHaveValue('dana@example.com');
  });

  it('tells how long to wait after too many attempts', async () => {
    stubAuthApi(() => ({ status: 429, body: { message: '10 per 1 minute' }, headers: { 'Retry-After': '42' } }));
    renderApp('/sign-in', { user: null });
    await signIn();
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts, try again in 42 s');
  });

  it('never follows a `next` that leads to another site', async () => {
    stubAuthApi();
    renderApp('/sign-in?next=%2F%2Fevil.example%2Fphish', { user: null });
    await signIn();
    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(window.location.host).toBe('localhost:3000');
    expect(await screen.findByRole('heading', { name: 'Waiting on us' })).toBeInTheDocument();
  });

  it('checks the field before sending anything', async () => {
    const calls = stubAuthApi();
    const user = userEvent.setup();
    renderApp('/sign-in', { user: null });
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(expect.stringContaining('Enter your email.'));
    expect(calls.filter((call) => call.path === '/api/auth/login/')).toHaveLength(0);
  });
});

/** The app is on the sign-in page, asked to come back to `next` afterwards. */
async function expectSignInReturningTo(next: string) {
  await waitFor(() => expect(window.location.pathname).toBe('/sign-in'));
  expect(new URLSearchParams(window.location.search).get('next')).toBe(next);
}

describe('pages that need an agent', () => {
  it('send an anonymous visitor to sign in and back to the page afterwards', async () => {
    stubAuthApi();
    renderApp('/dashboard', { user: null });
    await expectSignInReturningTo('/dashboard');
    expect(screen.queryByText(/Your session has ended/)).not.toBeInTheDocument();
    await signIn();
    expect(await screen.findByRole('heading', { name: 'Dashboard', level: 1 })).toBeInTheDocument();
  });

  it('on a 401 mid-session, forget the user, ask to sign in, and come back to the same view', async () => {
    const calls = stubAuthApi();
    renderApp('/?status=open&search=refund');
    // Signed in as far as the app knew, but the server has ended the session.
    await expectSignInReturningTo('/?status=open&search=refund');
    expect(within(screen.getByRole('banner')).queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    expect(await screen.findByRole('status')).toHaveTextContent('Your session has ended; sign in again.');

    await signIn();
    await waitFor(() => expect(`${window.location.pathname}${window.location.search}`).toBe('/?status=open&search=refund'));
    expect(await screen.findByRole('heading', { name: 'Waiting on us' })).toBeInTheDocument();
    expect(ticketListCalls(calls).at(-1)!.query.get('search')).toBe('refund');
  });
});

describe('the old sign-in address', () => {
  it('/login leads to /sign-in, keeping where to go next', async () => {
    stubAuthApi();
    renderApp('/login?next=%2Fdashboard', { user: null });
    await expectSignInReturningTo('/dashboard');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });
});

describe('who am I', () => {
  it('asks once on load and shows the signed-in user', async () => {
    const calls = stubApi((call) => {
      if (call.path === '/api/auth/me/') return { body: SESSION };
      if (call.path === '/api/tickets/') return { body: makePage([]) };
      return { status: 404, body: { message: 'Not found.' } };
    });
    renderApp('/', { user: 'ask' });
    expect(await within(screen.getByRole('banner')).findByRole('link', { name: 'Dana' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Waiting on us' })).toBeInTheDocument();
    expect(calls.filter((call) => call.path === '/api/auth/me/')).toHaveLength(1);
  });

  it('treats a 401 as an anonymous visitor, not as a session that ended', async () => {
    stubApi(() => ({ status: 401, body: { message: 'Authentication required.' } }));
    renderApp('/', { user: 'ask' });
    expect(await screen.findByRole('heading', { name: 'Contact support' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/');
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
  });
});
