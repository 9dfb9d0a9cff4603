import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi, type Reply } from '../../../test/fake-api';
import { ADMIN, AGENT, renderApp } from '../../../test/render';
import { MAIL_STATUS_REFRESH_MS } from '../api/get-mail-status';
import type { MailStatus } from '../types';

const TEN_MINUTES_AGO = new Date(Date.now() - 10 * 60_000).toISOString();

const QUIET: MailStatus = {
  queued: 0,
  failed_24h: 0,
  sent_24h: 1234,
  last_received_at: null,
  last_fetch_at: null,
  last_fetch_error: null,
};

/** The figure shown under a card's label, or a fact's value. */
const valueOf = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling!;

function stubStatus(reply: () => Reply) {
  return stubApi((call) => (call.path === '/api/mail/status/' ? reply() : { status: 404, body: { message: 'Not found.' } }));
}

describe('the Mail page', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the outbox figures and says "never" for what never happened', async () => {
    stubStatus(() => ({ body: QUIET }));
    renderApp('/mail', { user: ADMIN });
    expect(await screen.findByText('Queued', { selector: 'dt' })).toBeInTheDocument();
    expect(valueOf('Queued')).toHaveTextContent('0');
    expect(valueOf('Failed in the last 24 hours')).toHaveTextContent('0');
    expect(valueOf('Sent in the last 24 hours')).toHaveTextContent('1,234');
    expect(valueOf('Last mail received')).toHaveTextContent(/^Never$/);
    expect(valueOf('Last mailbox check (IMAP)')).toHaveTextContent('Never: IMAP is not configured, or the worker has not checked the mailbox yet');
    expect(valueOf('Error of the last check')).toHaveTextContent(/^None$/);
    expect(valueOf('Failed in the last 24 hours').parentElement).not.toHaveClass('stat-card--alarm');
    expect(document.title).toMatch(/^Mail/);
  });

  it("shows when mail last came and the mailbox's last error, readable, and sets failures apart", async () => {
    stubStatus(() => ({
      body: {
        ...QUIET,
        queued: 12,
        failed_24h: 3,
        last_received_at: TEN_MINUTES_AGO,
        last_fetch_at: TEN_MINUTES_AGO,
        last_fetch_error: 'LOGIN failed: [AUTHENTICATIONFAILED] Invalid credentials (Failure)',
      },
    }));
    renderApp('/mail', { user: ADMIN });
    expect(await screen.findByText('12')).toBeInTheDocument();
    expect(valueOf('Failed in the last 24 hours')).toHaveTextContent('3');
    expect(valueOf('Failed in the last 24 hours').parentElement).toHaveClass('stat-card--alarm');
    expect(valueOf('Last mail received')).toHaveTextContent(/^10 minutes ago \(.+\)$/);
    expect(valueOf('Last mailbox check (IMAP)')).toHaveTextContent(/^10 minutes ago/);
    expect(within(valueOf('Error of the last check') as HTMLElement).getByText('LOGIN failed: [AUTHENTICATIONFAILED] Invalid credentials (Failure)')).toBeVisible();
  });

  it('refreshes every 30 seconds, and on demand', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let queued = 5;
    const calls = stubStatus(() => ({ body: { ...QUIET, queued } }));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderApp('/mail', { user: ADMIN });
    expect(await screen.findByText('5')).toBeInTheDocument();
    expect(screen.getByText(/refreshes every 30 seconds/)).toBeInTheDocument();

    queued = 2;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(MAIL_STATUS_REFRESH_MS);
    });
    expect(await screen.findByText('2')).toBeInTheDocument();

    queued = 0;
    await user.click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(await screen.findByText('0', { selector: '.stat-card:first-child dd' })).toBeInTheDocument();
    expect(calls).toHaveLength(3);
  });

  it('says what went wrong when the status cannot be loaded, and offers to try again', async () => {
    let reply: Reply = { status: 503, body: { message: 'Database unavailable.' } };
    stubStatus(() => reply);
    const user = userEvent.setup();
    renderApp('/mail', { user: ADMIN });
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the mail status: Database unavailable.');
    reply = { body: QUIET };
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('1,234')).toBeInTheDocument();
  });

  it('is only for admins: an agent is told so and nothing is asked of the API', async () => {
    const calls = stubStatus(() => ({ body: QUIET }));
    renderApp('/mail', { user: AGENT });
    expect(await screen.findByText('Only admins may see this page.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
