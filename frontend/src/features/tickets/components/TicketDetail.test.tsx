import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { makeTicket, stubApi, type ApiCall, type Reply } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';
import type { Ticket } from '../types';

const TICKET = makeTicket({
  id: 9,
  title: 'Export fails',
  description: 'Line one\nLine two',
  suggested_category: 'technical',
  suggested_priority: 'medium',
  classification_source: 'gemini',
  updated_at: '2026-11-25T09:30:00.000001Z',
});

/** The server holds ticket #9; a PATCH the `patch` handler answers with 200 is stored. */
function stubDetail(patch: (call: ApiCall, stored: Ticket) => Reply = (call, stored) => ({ body: { ...stored, ...(call.body as object) } })) {
  let stored = TICKET;
  return stubApi((call) => {
    if (call.method === 'PATCH') {
      const reply = patch(call, stored);
      if ((reply.status ?? 200) === 200) stored = reply.body as Ticket;
      return reply;
    }
    if (call.path === '/api/tickets/9/') return { body: stored };
    return { status: 404, body: { message: 'Ticket not found.' } };
  });
}

describe('ticket detail', () => {
  it('shows the whole ticket and what the classifier suggested', async () => {
    stubDetail();
    renderApp('/tickets/9');
    expect(await screen.findByRole('heading', { level: 1, name: 'Export fails' })).toBeInTheDocument();
    expect(screen.getByText(/Line one\s+Line two/, { selector: 'p' })).toBeInTheDocument();
    expect(screen.getByText('Suggested by Gemini: Technical, Medium priority.')).toBeInTheDocument();
    expect(screen.getByLabelText('Status of ticket #9')).toHaveValue('open');
  });

  it('saves an edited title with If-Match and shows it', async () => {
    const calls = stubDetail();
    const user = userEvent.setup();
    renderApp('/tickets/9');
    const title = await screen.findByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'CSV export fails');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('CSV export fails');
    const patch = calls.find((call) => call.method === 'PATCH')!;
    expect(patch.body).toEqual({ title: 'CSV export fails' });
    expect(patch.headers.get('If-Match')).toBe('"2026-11-25T09:30:00.000001Z"');
  });

  it('shows the server message next to the field it is about', async () => {
    stubDetail(() => ({ status: 400, body: { message: 'Invalid input.', errors: { description: ['Contains a NUL character.'] } } }));
    const user = userEvent.setup();
    renderApp('/tickets/9');
    await user.type(await screen.findByLabelText('Description'), ' more');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.getByLabelText('Description')).toHaveAccessibleDescription('Contains a NUL character.'));
    expect(screen.getByLabelText('Description')).toHaveValue('Line one\nLine two more');
  });

  it('says plainly when the ticket does not exist', async () => {
    stubDetail();
    renderApp('/tickets/99');
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no ticket #99.');
  });
});
