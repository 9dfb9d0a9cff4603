import { act, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeListPage, makeTicket, stubApi } from '../../../test/fake-api';
import { renderApp } from '../../../test/render';
import { QUEUED_MAIL_REFRESH_MS } from '../api/get-comments';
import type { CommentMail, TicketComment } from '../types';
import { CommentList } from './CommentList';

const RECENTLY = new Date(Date.now() - 3 * 60_000).toISOString();
const TO_ANN = ['ann@example.com'];

const mailed = (mail: Partial<CommentMail>): CommentMail => ({ status: 'queued', to: TO_ANN, error: null, updated_at: RECENTLY, ...mail });

function reply(id: number, mail: CommentMail | null, body = `Reply ${id}`): TicketComment {
  return { id, author: { kind: 'agent', id: 3, name: 'Dana' }, body, internal: false, created_at: RECENTLY, channel: 'web', mail };
}

const CUSTOMER_BY_MAIL: TicketComment = {
  id: 1,
  author: { kind: 'customer', name: 'Ann' },
  body: 'The export still fails.',
  internal: false,
  created_at: RECENTLY,
  channel: 'mail',
  mail: null,
};

const OUT_OF_OFFICE: TicketComment = {
  id: 2,
  author: { kind: 'system', name: 'automatic mail' },
  body: 'I am out of the office until Monday.',
  internal: true,
  created_at: RECENTLY,
  channel: 'mail',
  mail: null,
};

const NOTE: TicketComment = {
  id: 3,
  author: { kind: 'agent', id: 3, name: 'Dana' },
  body: 'Probably the CSV encoder.',
  internal: true,
  created_at: RECENTLY,
  channel: 'web',
  mail: null,
};

const items = () => screen.getAllByRole('listitem');

describe('CommentList, as agents see it', () => {
  it('marks what came or went by email in words, and nothing else', () => {
    render(<CommentList viewer="agent" comments={[CUSTOMER_BY_MAIL, reply(4, mailed({ status: 'sent' })), NOTE, reply(5, null)]} />);
    const [customer, mailedReply, note, webReply] = items();
    expect(within(customer).getByText('by email')).toBeVisible();
    expect(within(mailedReply).getByText('by email')).toBeVisible();
    expect(within(note).queryByText('by email')).not.toBeInTheDocument();
    expect(within(webReply).queryByText('by email')).not.toBeInTheDocument();
    expect(within(webReply).queryByText(/Email to/)).not.toBeInTheDocument();
  });

  it.each([
    ['Queued', mailed({ status: 'queued' })],
    ['Sent', mailed({ status: 'sent' })],
    ['Failed: 550 mailbox does not exist', mailed({ status: 'failed', error: '550 mailbox does not exist' })],
  ])('shows the delivery of a mailed reply: %s', (expected, mail) => {
    render(<CommentList viewer="agent" comments={[reply(4, mail)]} />);
    const item = items()[0];
    expect(within(item).getByText('Email to ann@example.com:')).toBeVisible();
    expect(within(item).getByText(expected)).toBeVisible();
    expect(item.querySelector('.mail-delivery')).toHaveClass(`mail-delivery--${mail.status}`);
  });

  it('sets an automatic note apart from a person\'s note: muted, labelled "Automatic"', () => {
    render(<CommentList viewer="agent" comments={[OUT_OF_OFFICE, NOTE]} />);
    const [automatic, note] = items();
    expect(automatic).toHaveAccessibleName('Automatic note from Automatic mail');
    expect(within(automatic).getByText('Automatic')).toBeVisible();
    expect(within(automatic).queryByText('Internal note')).not.toBeInTheDocument();
    expect(automatic).toHaveClass('comment--automatic');
    expect(automatic).not.toHaveClass('comment--internal');

    expect(note).toHaveAccessibleName('Internal note from Dana');
    expect(within(note).queryByText('Automatic')).not.toBeInTheDocument();
    expect(note).toHaveClass('comment--internal');
  });
});

describe('CommentList, as a customer sees it', () => {
  it('shows nothing about email, even if the fields were there', () => {
    render(<CommentList viewer="customer" comments={[{ ...CUSTOMER_BY_MAIL }, reply(4, mailed({ status: 'failed', error: '550 no such user' }))]} />);
    expect(screen.queryByText('by email')).not.toBeInTheDocument();
    expect(screen.queryByText(/Email to|Failed|550/)).not.toBeInTheDocument();
    expect(items()[1]).toHaveAccessibleName('Message from Dana (support)');
  });
});

describe("a mailed reply's delivery on the ticket page", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is asked again while queued, until it is sent, then no more', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let delivery = mailed({ status: 'queued' });
    const calls = stubApi((call) => {
      if (call.path === '/api/tickets/9/') return { body: makeTicket({ id: 9, title: 'Export fails' }) };
      if (call.path === '/api/tickets/9/comments/') return { body: makeListPage([reply(4, delivery, 'We are on it.')]) };
      if (call.path === '/api/tickets/assignees/') return { body: [] };
      if (call.path === '/api/tickets/9/history/') return { body: makeListPage([]) };
      return { status: 404, body: { message: 'Not found.' } };
    });
    const commentGets = () => calls.filter((call) => call.path === '/api/tickets/9/comments/');
    renderApp('/tickets/9');
    const item = await screen.findByRole('listitem', { name: 'Message from Dana' });
    expect(within(item).getByText('Queued')).toBeVisible();

    delivery = mailed({ status: 'sent' });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(QUEUED_MAIL_REFRESH_MS);
    });
    expect(await within(item).findByText('Sent')).toBeVisible();
    expect(within(item).queryByText('Queued')).not.toBeInTheDocument();

    const asked = commentGets().length;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3 * QUEUED_MAIL_REFRESH_MS);
    });
    await waitFor(() => expect(commentGets()).toHaveLength(asked));
  });
});
