import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeListPage, makeTicket, stubApi, type ApiCall } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';
import { ticketKeys } from '../api/query-keys';
import type { Ticket } from '../types';

const SEEN = makeTicket({ id: 9, title: 'Export fails', description: 'The CSV export stops at 1,000 rows.', updated_at: '2026-11-25T09:30:00.000001Z' });
const RENAMED = { ...SEEN, title: 'CSV export cut at 1,000 rows', updated_at: '2026-11-25T09:45:00.000001Z' };

/** A server holding ticket #9 that honours If-Match as the API does: a stale tag is a 412 and changes nothing. */
function stubServer(initial: Ticket) {
  const server = { stored: initial, versions: 0 };
  const calls = stubApi((call) => {
    if (call.method === 'PATCH') {
      if (call.headers.get('If-Match') !== `"${server.stored.updated_at}"`) return { status: 412, body: { message: 'The ticket changed since you read it.' } };
      server.versions += 1;
      server.stored = { ...server.stored, ...(call.body as Partial<Ticket>), updated_at: `2026-11-25T10:0${server.versions}:00.000001Z` };
      return { body: server.stored };
    }
    if (call.path === '/api/tickets/9/') return { body: server.stored };
    if (call.path === '/api/tickets/assignees/') return { body: [] };
    return { body: makeListPage([]) };
  });
  return { server, calls };
}

const patches = (calls: ApiCall[]) => calls.filter((call) => call.method === 'PATCH');
const titleField = () => screen.getByRole('textbox', { name: /^Title/ });

/** Tab B's situation: the edit form open on SEEN, a colleague renames the ticket, B's page refetches it. */
async function editThenColleagueRenames(draft: string) {
  const { server, calls } = stubServer(SEEN);
  const user = userEvent.setup();
  const { queryClient } = renderApp('/tickets/9');
  await user.clear(await screen.findByRole('textbox', { name: /^Title/ }));
  await user.type(titleField(), draft);
  server.stored = RENAMED;
  // What coming back to the tab after the stale time does.
  await queryClient.refetchQueries({ queryKey: ticketKeys.detail(9) });
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(RENAMED.title));
  return { server, calls, user };
}

describe('editing the text while a colleague changes the ticket', () => {
  it('sends the version the edit started from, whatever was refetched meanwhile, and shows the conflict with the new title', async () => {
    const { server, calls, user } = await editThenColleagueRenames('Export fails for big files');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert');
    expect(patches(calls)[0].headers.get('If-Match')).toBe(`"${SEEN.updated_at}"`);
    expect(alert).toHaveTextContent('Someone else changed this ticket');
    expect(within(alert).getByRole('listitem')).toHaveTextContent('Title: “Export fails” → “CSV export cut at 1,000 rows”');
    expect(titleField()).toHaveValue('Export fails for big files');
    expect(screen.queryByText('Saved.')).not.toBeInTheDocument();
    expect(server.stored.title).toBe(RENAMED.title);
  });

  it('refuses a second save too, until the person overwrites on purpose', async () => {
    const { server, calls, user } = await editThenColleagueRenames('Export fails for big files');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('alert');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(patches(calls)).toHaveLength(2));
    expect(await screen.findByRole('alert')).toHaveTextContent('Title: “Export fails” → “CSV export cut at 1,000 rows”');
    expect(server.stored.title).toBe(RENAMED.title);

    await user.click(screen.getByRole('button', { name: 'Overwrite with my version' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(patches(calls)[2].headers.get('If-Match')).toBe(`"${RENAMED.updated_at}"`);
    expect(patches(calls)[2].body).toEqual({ title: 'Export fails for big files' });
    expect(server.stored.title).toBe('Export fails for big files');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Export fails for big files');
  });

  it('can discard the draft for the current text instead', async () => {
    const { calls, user } = await editThenColleagueRenames('Export fails for big files');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('alert');
    await user.click(screen.getByRole('button', { name: 'Discard my draft' }));

    expect(titleField()).toHaveValue(RENAMED.title);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(patches(calls)).toHaveLength(1);
  });

  it('lists a changed description as well', async () => {
    const { server, user } = await editThenColleagueRenames('Export fails for big files');
    server.stored = { ...RENAMED, description: 'It stops at 1,000 rows, on every report.', updated_at: '2026-11-25T09:50:00.000001Z' };
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Description: “The CSV export stops at 1,000 rows.” → “It stops at 1,000 rows, on every report.”',
    );
  });

  it('an untouched form follows the text fetched from the server', async () => {
    const { server } = stubServer(SEEN);
    const { queryClient } = renderApp('/tickets/9');
    expect(await screen.findByRole('textbox', { name: /^Title/ })).toHaveValue(SEEN.title);
    server.stored = RENAMED;
    await queryClient.refetchQueries({ queryKey: ticketKeys.detail(9) });
    await waitFor(() => expect(titleField()).toHaveValue(RENAMED.title));
  });

  it('after its own save, the next edit of the form carries the version that save produced', async () => {
    const { calls } = stubServer(SEEN);
    const user = userEvent.setup();
    renderApp('/tickets/9');
    await user.type(await screen.findByRole('textbox', { name: /^Title/ }), ' (big files)');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /^Description/ }), ' Since Monday.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(patches(calls)).toHaveLength(2));
    expect(patches(calls)[1].headers.get('If-Match')).toBe('"2026-11-25T10:01:00.000001Z"');
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
  });
});
