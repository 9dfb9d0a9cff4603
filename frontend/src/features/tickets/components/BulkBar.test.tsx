import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isChangesPoll, makePage, makeTicket, stubApi, ticketListCalls, type ApiCall, type Reply } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';
import type { BulkJob } from '../api/get-bulk-job';
import { BULK_JOB_POLL_MS } from '../api/get-bulk-job';
import type { Ticket } from '../types';

const TEAM = [
  { id: 3, name: 'Dana', role: 'agent' },
  { id: 4, name: 'Lee', role: 'agent' },
];

const ROWS: Ticket[] = Array.from({ length: 3 }, (_, index) => makeTicket({ id: 11 + index, title: `Refund ${index + 1}` }));

interface BulkServer {
  /** What the list says it matches in all (its page holds ROWS). */
  count?: number;
  bulk?: (call: ApiCall) => Reply;
  /** Each job GET takes the next of these; the last one repeats. */
  jobStates?: BulkJob[];
}

function stubBulk({ count = ROWS.length, bulk = () => ({ body: { matched: 0, changed: 0, skipped: [] } }), jobStates = [] }: BulkServer = {}) {
  let jobReads = 0;
  return stubApi((call) => {
    if (isChangesPoll(call)) return { body: makePage([]) };
    if (call.path === '/api/tickets/') return { body: makePage(ROWS, { count }) };
    if (call.path === '/api/tickets/stats/') return { body: { total_tickets: 40, unassigned_open: 3, waiting_on_us: 12 } };
    if (call.path === '/api/tickets/assignees/') return { body: TEAM };
    if (call.path === '/api/tickets/bulk/' && call.method === 'POST') return bulk(call);
    if (call.path === '/api/tickets/bulk/7/') return { body: jobStates[Math.min(jobReads++, jobStates.length - 1)] };
    return { status: 404, body: { message: 'Not found.' } };
  });
}

const LIST_URL = '/?view=all&status=open&search=refund';
const checkboxOf = (title: string) => screen.getByRole('checkbox', { name: new RegExp(`^Select ticket #\\d+: ${title}$`) });
const pageCheckbox = () => screen.getByRole('checkbox', { name: 'Select all tickets on this page' });
const bar = () => within(screen.getByRole('form', { name: 'Change the selected tickets' }));
const bulkPosts = (calls: ApiCall[]) => calls.filter((call) => call.method === 'POST' && call.path === '/api/tickets/bulk/');
const statsCalls = (calls: ApiCall[]) => calls.filter((call) => call.path === '/api/tickets/stats/');

async function openList(url = LIST_URL) {
  // With fake timers (a job's progress), user-event moves them along as it waits.
  const user = userEvent.setup(vi.isFakeTimers() ? { advanceTimers: vi.advanceTimersByTime } : {});
  renderApp(url);
  await screen.findByRole('link', { name: 'Refund 1' });
  return user;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('selecting tickets', () => {
  it('shows the bar only while something is selected; the page checkbox picks the page and is half-ticked for some', async () => {
    stubBulk();
    const user = await openList();
    expect(screen.queryByRole('form', { name: 'Change the selected tickets' })).not.toBeInTheDocument();

    await user.click(checkboxOf('Refund 2'));
    expect(bar().getByText('1 ticket selected.')).toBeInTheDocument();
    expect(pageCheckbox()).not.toBeChecked();
    expect(pageCheckbox()).toHaveProperty('indeterminate', true);

    await user.click(pageCheckbox());
    for (const ticket of ROWS) expect(checkboxOf(ticket.title)).toBeChecked();
    expect(bar().getByText('3 tickets selected.')).toBeInTheDocument();
    expect(pageCheckbox()).toHaveProperty('indeterminate', false);
    // All of them are on this page: nothing more to offer.
    expect(bar().queryByRole('button', { name: /matching this filter/ })).not.toBeInTheDocument();

    await user.click(bar().getByRole('button', { name: 'Clear selection' }));
    expect(screen.queryByRole('form', { name: 'Change the selected tickets' })).not.toBeInTheDocument();
    expect(checkboxOf('Refund 1')).not.toBeChecked();
  });

  it('offers every ticket matching the filter once the whole page is picked, and goes back to rows when one is unticked', async () => {
    stubBulk({ count: 45 });
    const user = await openList();
    await user.click(checkboxOf('Refund 1'));
    expect(bar().queryByRole('button', { name: /matching this filter/ })).not.toBeInTheDocument();
    await user.click(pageCheckbox());
    await user.click(bar().getByRole('button', { name: 'Select all 45 tickets matching this filter' }));
    expect(bar().getByText('All 45 tickets matching this filter are selected.')).toBeInTheDocument();
    expect(bar().getByRole('button', { name: 'Apply to 45 tickets' })).toBeInTheDocument();

    await user.click(checkboxOf('Refund 3'));
    expect(bar().getByText('2 tickets selected.')).toBeInTheDocument();
    expect(checkboxOf('Refund 1')).toBeChecked();
    expect(checkboxOf('Refund 3')).not.toBeChecked();
  });

  it('forgets the selection when the list shows something else', async () => {
    stubBulk();
    const user = await openList();
    await user.click(checkboxOf('Refund 1'));
    await user.click(screen.getByRole('link', { name: /^Unassigned/ }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Change the selected tickets' })).not.toBeInTheDocument());
    expect(await screen.findByRole('link', { name: 'Refund 1' })).toBeInTheDocument();
    expect(checkboxOf('Refund 1')).not.toBeChecked();
  });
});

describe('changing the selected tickets', () => {
  it('sends the picked ids with what to set, says what changed and what was skipped, and refreshes the list and figures', async () => {
    const calls = stubBulk({
      bulk: () => ({ body: { matched: 2, changed: 1, skipped: [{ id: 13, reason: 'unchanged' }] } }),
    });
    const user = await openList();
    await user.click(checkboxOf('Refund 1'));
    await user.click(checkboxOf('Refund 3'));
    await user.selectOptions(bar().getByLabelText('Status'), 'resolved');
    await user.selectOptions(bar().getByLabelText('Assignee'), 'Lee');
    const listsBefore = ticketListCalls(calls).length;
    const statsBefore = statsCalls(calls).length;
    await user.click(bar().getByRole('button', { name: 'Apply to 2 tickets' }));

    const outcome = await screen.findByText('Changed 1, skipped 1 (1 already had these values).');
    expect(outcome).toHaveAttribute('role', 'status');
    // The bar is gone with its Apply button: the focus goes to what happened, not to the page's start.
    await waitFor(() => expect(outcome.parentElement).toHaveFocus());
    expect(bulkPosts(calls).map((call) => call.body)).toEqual([{ ids: [11, 13], set: { status: 'resolved', assignee_id: 4 } }]);
    expect(screen.queryByRole('form', { name: 'Change the selected tickets' })).not.toBeInTheDocument();
    expect(checkboxOf('Refund 1')).not.toBeChecked();
    await waitFor(() => expect(ticketListCalls(calls).length).toBeGreaterThan(listsBefore));
    expect(statsCalls(calls).length).toBeGreaterThan(statsBefore);
  });

  it('can take the assignee away, and says which tickets no longer exist', async () => {
    const calls = stubBulk({
      bulk: () => ({ body: { matched: 1, changed: 1, skipped: [{ id: 12, reason: 'not found' }] } }),
    });
    const user = await openList();
    await user.click(checkboxOf('Refund 1'));
    await user.click(checkboxOf('Refund 2'));
    await user.selectOptions(bar().getByLabelText('Assignee'), 'Unassigned');
    await user.click(bar().getByRole('button', { name: 'Apply to 2 tickets' }));
    expect(await screen.findByText('Changed 1, skipped 1 (1 no longer exists).')).toBeInTheDocument();
    expect(bulkPosts(calls)[0].body).toEqual({ ids: [11, 12], set: { assignee_id: null } });
  });

  it('asks for something to set before sending anything', async () => {
    const calls = stubBulk();
    const user = await openList();
    await user.click(checkboxOf('Refund 1'));
    await user.click(bar().getByRole('button', { name: 'Apply to 1 ticket' }));
    expect(bar().getByRole('alert')).toHaveTextContent('Choose a status, priority, category or assignee to set first.');
    expect(bulkPosts(calls)).toHaveLength(0);
  });

  it('keeps the selection and says why when the server refuses', async () => {
    stubBulk({ bulk: () => ({ status: 400, body: { message: 'Invalid input.', errors: { assignee_id: ['Not an active agent or admin.'] } } }) });
    const user = await openList();
    await user.click(checkboxOf('Refund 1'));
    await user.selectOptions(bar().getByLabelText('Assignee'), 'Dana');
    await user.click(bar().getByRole('button', { name: 'Apply to 1 ticket' }));
    expect(await bar().findByRole('alert')).toHaveTextContent('Nothing was changed: Invalid input. assignee_id: Not an active agent or admin.');
    expect(checkboxOf('Refund 1')).toBeChecked();

    // A new selection starts afresh: nothing chosen, nothing refused.
    await user.click(bar().getByRole('button', { name: 'Clear selection' }));
    await user.click(checkboxOf('Refund 2'));
    expect(bar().queryByRole('alert')).not.toBeInTheDocument();
    expect(bar().getByLabelText('Assignee')).toHaveValue('');
  });

  it('changes every matching ticket by a job, showing its progress each second, then refreshes and says how it ended', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const running = (changed: number): BulkJob => ({ state: 'running', matched: 45, changed, started_at: '2026-11-25T10:00:00Z', finished_at: null });
    const calls = stubBulk({
      count: 45,
      bulk: () => ({ status: 202, body: { job: 7, matched: 45 } }),
      jobStates: [running(0), running(20), { ...running(44), state: 'done', finished_at: '2026-11-25T10:00:03Z' }],
    });
    const user = await openList();
    await user.click(pageCheckbox());
    await user.click(bar().getByRole('button', { name: 'Select all 45 tickets matching this filter' }));
    await user.selectOptions(bar().getByLabelText('Status'), 'resolved');
    await user.click(bar().getByRole('button', { name: 'Apply to 45 tickets' }));

    const progress = await screen.findByRole('progressbar', { name: 'Changing 45 tickets: 0 changed so far…' });
    expect(bulkPosts(calls).map((call) => call.body)).toEqual([{ filter: 'status=open&search=refund', set: { status: 'resolved' } }]);
    expect(progress).toHaveAttribute('max', '45');
    expect(progress).toHaveAttribute('value', '0');
    expect(screen.queryByRole('form', { name: 'Change the selected tickets' })).not.toBeInTheDocument();
    const listsBefore = ticketListCalls(calls).length;
    const statsBefore = statsCalls(calls).length;

    await act(() => vi.advanceTimersByTimeAsync(BULK_JOB_POLL_MS));
    expect(await screen.findByRole('progressbar', { name: 'Changing 45 tickets: 20 changed so far…' })).toHaveAttribute('value', '20');
    expect(ticketListCalls(calls)).toHaveLength(listsBefore);

    await act(() => vi.advanceTimersByTimeAsync(BULK_JOB_POLL_MS));
    expect(await screen.findByText('Done: changed 44 of 45 tickets; 1 already had these values or is gone.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    await waitFor(() => expect(ticketListCalls(calls).length).toBeGreaterThan(listsBefore));
    expect(statsCalls(calls).length).toBeGreaterThan(statsBefore);

    // Ended: it is not asked again.
    const jobReads = () => calls.filter((call) => call.path === '/api/tickets/bulk/7/').length;
    const readsAtEnd = jobReads();
    expect(readsAtEnd).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(5 * BULK_JOB_POLL_MS));
    expect(jobReads()).toBe(readsAtEnd);
  });

  it('keeps following the job and says how it ended when the list empties meanwhile', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let jobDone = false;
    stubApi((call) => {
      if (isChangesPoll(call)) return { body: makePage([]) };
      // Once resolved, the tickets leave the list of open ones.
      if (call.path === '/api/tickets/') return { body: jobDone ? makePage([]) : makePage(ROWS, { count: 45 }) };
      if (call.path === '/api/tickets/assignees/') return { body: TEAM };
      if (call.path === '/api/tickets/bulk/') return { status: 202, body: { job: 7, matched: 45 } };
      if (call.path === '/api/tickets/bulk/7/') {
        jobDone = true;
        return { body: { state: 'done', matched: 45, changed: 45, started_at: '2026-11-25T10:00:00Z', finished_at: '2026-11-25T10:00:01Z' } };
      }
      return { status: 404, body: { message: 'Not found.' } };
    });
    const user = await openList();
    await user.click(pageCheckbox());
    await user.click(bar().getByRole('button', { name: 'Select all 45 tickets matching this filter' }));
    await user.selectOptions(bar().getByLabelText('Status'), 'resolved');
    await user.click(bar().getByRole('button', { name: 'Apply to 45 tickets' }));

    expect(await screen.findByText('No tickets match these filters.')).toBeInTheDocument();
    expect(screen.getByText('Done: changed 45 of 45 tickets.')).toHaveAttribute('role', 'status');
  });

  it('says so when a job fails part way', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    stubBulk({
      count: 45,
      bulk: () => ({ status: 202, body: { job: 7, matched: 45 } }),
      jobStates: [{ state: 'failed', matched: 45, changed: 30, started_at: '2026-11-25T10:00:00Z', finished_at: '2026-11-25T10:00:02Z' }],
    });
    const user = await openList();
    await user.click(pageCheckbox());
    await user.click(bar().getByRole('button', { name: 'Select all 45 tickets matching this filter' }));
    await user.selectOptions(bar().getByLabelText('Priority'), 'high');
    await user.click(bar().getByRole('button', { name: 'Apply to 45 tickets' }));
    expect(await screen.findByText(/^The change stopped after 30 of 45 tickets; the others are as they were\./)).toBeInTheDocument();
  });
});

describe('Export CSV', () => {
  it('links to the export of the list\'s filters and order, for the browser to download', async () => {
    stubBulk();
    await openList();
    const link = screen.getByRole('link', { name: /^Export CSV/ });
    expect(link).toHaveAttribute('href', '/api/tickets/export.csv?status=open&search=refund');
    expect(link).toHaveAttribute('download');
  });

  it('exports a queue view with the view\'s own filter and order', async () => {
    stubBulk();
    await openList('/?category=billing');
    expect(screen.getByRole('link', { name: /^Export CSV/ })).toHaveAttribute(
      'href',
      '/api/tickets/export.csv?category=billing&waiting=us&ordering=last_customer_message_at',
    );
  });
});
