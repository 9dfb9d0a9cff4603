import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred, makeTicket, stubApi, type ApiCall, type Reply } from '../../../test/fake-api';
import { renderWithClient } from '../../../test/render';
import type { Suggestion } from '../types';
import { SUGGESTION_DELAY_MS } from '../use-ticket-suggestion';
import { NewTicketForm, type FormAudience } from './NewTicketForm';

const BILLING_HIGH: Suggestion = { suggested_category: 'billing', suggested_priority: 'high', source: 'gemini' };
const TECHNICAL_CRITICAL: Suggestion = { suggested_category: 'technical', suggested_priority: 'critical', source: 'fallback' };
const LONG_ENOUGH = 'I was charged twice for my November invoice';

function setup(classify: (call: ApiCall) => Reply | Promise<Reply>, create?: (call: ApiCall) => Reply, audience: FormAudience = 'customer') {
  const calls = stubApi((call) => {
    if (call.path === '/api/tickets/classify/') return classify(call);
    if (call.method === 'POST' && call.path === '/api/tickets/') {
      return create ? create(call) : { status: 201, body: makeTicket({ id: 42, ...(call.body as object) }) };
    }
    return { status: 404, body: { message: 'Not found.' } };
  });
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  renderWithClient(<NewTicketForm audience={audience} />);
  return { calls, user };
}

const titleField = () => screen.getByLabelText('Title');
const descriptionField = () => screen.getByLabelText('Description');
const categoryField = () => screen.getByLabelText<HTMLSelectElement>('Category');
const priorityField = () => screen.getByLabelText<HTMLSelectElement>('Priority');
const classifyCalls = (calls: ApiCall[]) => calls.filter((call) => call.path === '/api/tickets/classify/');

async function pauseTyping() {
  await act(async () => {
    vi.advanceTimersByTime(SUGGESTION_DELAY_MS);
  });
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('NewTicketForm validation', () => {
  it('refuses an empty ticket with a message next to each field and sends nothing', async () => {
    const { calls, user } = setup(() => ({ body: BILLING_HIGH }));
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));

    expect(await screen.findByText('Enter a title.')).toBeInTheDocument();
    expect(screen.getByText('Describe the problem.')).toBeInTheDocument();
    expect(titleField()).toHaveAttribute('aria-invalid', 'true');
    expect(titleField()).toHaveAccessibleDescription(expect.stringContaining('Enter a title.'));
    await waitFor(() => expect(titleField()).toHaveFocus());
    expect(calls).toHaveLength(0);
  });

  it('counts title characters live and refuses more than 200', async () => {
    const { calls, user } = setup(() => ({ body: BILLING_HIGH }));
    await user.type(titleField(), 'Hello');
    expect(screen.getByText('5 / 200 characters')).toBeInTheDocument();

    await user.clear(titleField());
    await user.click(titleField());
    await user.paste('x'.repeat(203));
    await user.type(descriptionField(), 'Short');
    expect(screen.getByText('3 characters too many')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));
    expect(await screen.findByText('Keep the title to 200 characters or fewer.')).toBeInTheDocument();
    expect(calls.filter((call) => call.path === '/api/tickets/')).toHaveLength(0);
  });
});

describe('NewTicketForm suggestions', () => {
  it('asks once typing pauses and pre-fills category and priority, telling an agent who suggested them', async () => {
    const { calls, user } = setup(() => ({ body: BILLING_HIGH }), undefined, 'agent');
    await user.type(titleField(), 'Double charge');
    await user.type(descriptionField(), LONG_ENOUGH);
    expect(classifyCalls(calls)).toHaveLength(0);

    await pauseTyping();
    await waitFor(() => expect(categoryField()).toHaveValue('billing'));
    expect(priorityField()).toHaveValue('high');
    expect(screen.getAllByText('Suggested by Gemini')).toHaveLength(2);
    expect(classifyCalls(calls)).toHaveLength(1);
    expect(classifyCalls(calls)[0].body).toEqual({ title: 'Double charge', description: LONG_ENOUGH });
  });

  it('does not ask while the description is too short', async () => {
    const { calls, user } = setup(() => ({ body: BILLING_HIGH }));
    await user.type(descriptionField(), 'Too short');
    await pauseTyping();
    expect(classifyCalls(calls)).toHaveLength(0);
  });

  it('asks at once when the user leaves the description', async () => {
    const { calls, user } = setup(() => ({ body: BILLING_HIGH }));
    await user.type(descriptionField(), LONG_ENOUGH);
    await user.tab();
    await waitFor(() => expect(classifyCalls(calls)).toHaveLength(1));
    await waitFor(() => expect(categoryField()).toHaveValue('billing'));
  });

  it('tells a customer the values come from what they wrote, never naming the classifier', async () => {
    const replies = [TECHNICAL_CRITICAL, BILLING_HIGH];
    const { user } = setup(() => ({ body: replies.shift() }));
    expect(screen.getByLabelText('Your email (optional)')).toBeInTheDocument();
    await user.type(descriptionField(), LONG_ENOUGH);
    await pauseTyping();
    await waitFor(() => expect(categoryField()).toHaveValue('technical'));
    expect(screen.getAllByText('Suggested from what you wrote')).toHaveLength(2);

    await user.selectOptions(priorityField(), 'low');
    expect(screen.getByText('Your choice (suggested from what you wrote: Critical)')).toBeInTheDocument();
    await user.type(descriptionField(), ' twice');
    await pauseTyping();
    await waitFor(() => expect(categoryField()).toHaveValue('billing'));
    expect(document.body).not.toHaveTextContent(/offline rules|Gemini/);
  });

  it('never overwrites a field the user changed by hand', async () => {
    const replies = [BILLING_HIGH, TECHNICAL_CRITICAL];
    const { user } = setup(() => ({ body: replies.shift() }), undefined, 'agent');
    await user.type(descriptionField(), LONG_ENOUGH);
    await pauseTyping();
    await waitFor(() => expect(categoryField()).toHaveValue('billing'));

    await user.selectOptions(categoryField(), 'account');
    expect(screen.getByText('Your choice (suggested by Gemini: Billing)')).toBeInTheDocument();

    await user.type(descriptionField(), ' and now the site is down');
    await pauseTyping();
    await waitFor(() => expect(priorityField()).toHaveValue('critical'));
    expect(categoryField()).toHaveValue('account');
    expect(screen.getByText('Suggested by offline rules')).toBeInTheDocument();
  });

  it('ignores an answer for text that has changed since it was asked', async () => {
    const slowAnswer = deferred<Reply>();
    const answers = [slowAnswer.promise, Promise.resolve({ body: TECHNICAL_CRITICAL })];
    const { calls, user } = setup(() => answers.shift()!);
    await user.type(descriptionField(), LONG_ENOUGH);
    await pauseTyping();
    await waitFor(() => expect(classifyCalls(calls)).toHaveLength(1));
    expect(screen.getByText(/Suggesting a category and priority/)).toBeInTheDocument();

    // The user types on before the first answer arrives; then that (now stale) answer lands.
    await user.type(descriptionField(), ', the app crashes');
    slowAnswer.resolve({ body: BILLING_HIGH });
    await waitFor(() => expect(screen.queryByText(/Suggesting/)).not.toBeInTheDocument());
    expect(categoryField()).toHaveValue('');

    await pauseTyping();
    await waitFor(() => expect(categoryField()).toHaveValue('technical'));
    expect(priorityField()).toHaveValue('critical');
  });

  it('lets the user submit while a suggestion is still on its way', async () => {
    const { calls, user } = setup(() => new Promise<Reply>(() => {}));
    await user.type(titleField(), 'Printer on fire');
    await user.type(descriptionField(), LONG_ENOUGH);
    await pauseTyping();
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));

    await waitFor(() => expect(calls.some((call) => call.path === '/api/tickets/')).toBe(true));
    const created = calls.find((call) => call.path === '/api/tickets/')!;
    expect(created.body).toEqual({ title: 'Printer on fire', description: LONG_ENOUGH });
  });

  it('says so when no suggestion could be had, and still submits', async () => {
    const { calls, user } = setup(() => ({ status: 429, body: { message: 'Slow down' }, headers: { 'Retry-After': '20' } }));
    await user.type(titleField(), 'Printer');
    await user.type(descriptionField(), LONG_ENOUGH);
    await pauseTyping();
    expect(await screen.findByText(/No suggestion this time/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));
    await waitFor(() => expect(calls.some((call) => call.path === '/api/tickets/')).toBe(true));
  });
});

describe('NewTicketForm submit', () => {
  it('sends the chosen values with the suggestion shown, then clears the form', async () => {
    const { calls, user } = setup(() => ({ body: BILLING_HIGH }));
    await user.type(titleField(), '  Double charge  ');
    await user.type(descriptionField(), LONG_ENOUGH);
    await pauseTyping();
    await waitFor(() => expect(priorityField()).toHaveValue('high'));
    await user.selectOptions(priorityField(), 'medium');
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));

    expect(await screen.findByText(/created/)).toHaveTextContent('Ticket #42 created.');
    expect(calls.find((call) => call.path === '/api/tickets/')!.body).toEqual({
      title: 'Double charge',
      description: LONG_ENOUGH,
      category: 'billing',
      priority: 'medium',
      suggested_category: 'billing',
      suggested_priority: 'high',
      classification_source: 'gemini',
    });
    expect(titleField()).toHaveValue('');
    expect(descriptionField()).toHaveValue('');
    expect(categoryField()).toHaveValue('');
    expect(priorityField()).toHaveValue('');
  });

  it('keeps everything typed and shows the server message next to its field', async () => {
    const { user } = setup(
      () => ({ body: BILLING_HIGH }),
      () => ({ status: 400, body: { message: 'Invalid input.', errors: { title: ['Contains a NUL character.'] } } }),
    );
    await user.type(titleField(), 'Odd title');
    await user.type(descriptionField(), 'Something');
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));

    expect(await screen.findByText('Contains a NUL character.')).toBeInTheDocument();
    expect(titleField()).toHaveAccessibleDescription(expect.stringContaining('Contains a NUL character.'));
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid input.');
    expect(titleField()).toHaveValue('Odd title');
    expect(descriptionField()).toHaveValue('Something');
  });

  it('gives the private link once, with a Copy button, and says to keep it', async () => {
    const { calls, user } = setup(
      () => ({ body: BILLING_HIGH }),
      (call) => ({ status: 201, body: { ...makeTicket({ id: 42, ...(call.body as object) }), access_key: 'the-Secret_key' } }),
    );
    await user.type(titleField(), 'Lost invoice');
    await user.type(descriptionField(), 'Where is it?');
    await user.type(screen.getByLabelText('Your name (optional)'), 'Ann');
    await user.type(screen.getByLabelText('Your email (optional)'), 'ann@example.com');
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));

    const box = await screen.findByRole('region', { name: 'Keep this link' });
    expect(box).toHaveTextContent('the only way to follow ticket #42');
    const link = within(box).getByLabelText<HTMLInputElement>('Private link');
    expect(link).toHaveValue(`${window.location.origin}/follow/42#the-Secret_key`);
    expect(link).toHaveAttribute('readonly');
    await user.click(within(box).getByRole('button', { name: 'Copy link' }));
    expect(await within(box).findByText('Copied.')).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe(`${window.location.origin}/follow/42#the-Secret_key`);

    expect(calls.find((call) => call.path === '/api/tickets/')!.body).toMatchObject({ requester_name: 'Ann', requester_email: 'ann@example.com' });
    // A customer cannot open the agents' page of the ticket: no link to it.
    expect(screen.getByText(/created/)).toHaveTextContent('Ticket #42 created.');
    expect(screen.queryByRole('link', { name: '#42' })).not.toBeInTheDocument();
  });

  it('selects the link for Ctrl+C when the clipboard refuses', async () => {
    const { user } = setup(
      () => ({ body: BILLING_HIGH }),
      (call) => ({ status: 201, body: { ...makeTicket({ id: 43, ...(call.body as object) }), access_key: 'k' } }),
    );
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('Denied'));
    await user.type(titleField(), 'Lost invoice');
    await user.type(descriptionField(), 'Where is it?');
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));
    await user.click(await screen.findByRole('button', { name: 'Copy link' }));

    expect(await screen.findByText(/press Ctrl\+C/)).toBeInTheDocument();
    const link = screen.getByLabelText<HTMLInputElement>('Private link');
    expect(link).toHaveFocus();
    expect([link.selectionStart, link.selectionEnd]).toEqual([0, link.value.length]);
  });

  it('refuses an email that does not look like one, next to the field', async () => {
    const { calls, user } = setup(() => ({ body: BILLING_HIGH }));
    await user.type(titleField(), 'Lost invoice');
    await user.type(descriptionField(), 'Where is it?');
    await user.type(screen.getByLabelText('Your email (optional)'), 'ann at example');
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));
    expect(screen.getByLabelText('Your email (optional)')).toHaveAccessibleDescription(expect.stringContaining('Enter an email address'));
    expect(calls.filter((call) => call.path === '/api/tickets/')).toHaveLength(0);
  });
});
