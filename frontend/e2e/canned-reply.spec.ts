// A canned reply, from writing it to a customer reading it: the agent saves a reply with
// placeholders on the Replies page, inserts it into a ticket's reply box with the keyboard
// alone (the placeholders filled in for that ticket), edits it, and sends it; the
// conversation shows it.
import { expect, staff, test } from './support/fixtures';
import { apiResponse, newCustomer, openSignedIn, screenshot, submitAsVisitor, uniqueWord, type PrivateLink } from './support/steps';

test('an agent saves a canned reply, inserts it from the keyboard, edits and sends it', async ({ page, openPage, step }) => {
  const customer = newCustomer();
  const word = uniqueWord();
  const title = `Fix on its way ${word}`;
  const template = 'Hello {{customer.name}},\nwe found why #{{ticket.id}} ({{ticket.title}}) happens and are fixing it.\n{{agent.name}}';
  let ticket: PrivateLink = { id: 0, link: '', accessKey: '' };
  let agentName = '';

  await step('a visitor submits a ticket', async () => {
    ticket = await submitAsVisitor(await openPage(), customer);
  });

  await step('the agent saves a shared reply on the Replies page', async () => {
    await openSignedIn(page, '/replies', staff.agent);
    agentName = (await page.locator('.user-menu__name').innerText()).trim();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Replies' })).toHaveAttribute('aria-current', 'page');
    const form = page.getByRole('region', { name: 'New reply' });
    await form.getByLabel('Title', { exact: true }).fill(title);
    await form.getByLabel('Text', { exact: true }).fill(template);
    await form.getByLabel('Share with every agent', { exact: true }).check();
    const created = apiResponse(page, 'POST', '/api/replies/');
    await form.getByRole('button', { name: 'Save reply' }).click();
    expect((await created).status(), 'saving the reply').toBe(201);
    const card = page.getByRole('listitem', { name: title, exact: true });
    await expect(card).toContainText('Shared');
    await expect(card).toContainText('By you');
    await expect(card).toContainText('Not used yet');
    await screenshot(page, '40-replies');
  });

  const filled = `Hello ${customer.name},\nwe found why #${ticket.id} (${customer.title}) happens and are fixing it.\n${agentName}`;
  const addition = '\nYou will hear from us by Friday.';

  await step('on the ticket, the reply goes into the message from the keyboard, filled in for this ticket', async () => {
    await page.goto(`/tickets/${ticket.id}`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: customer.title, exact: true }).waitFor();
    const message = page.getByLabel('Message', { exact: true });
    await message.focus();
    await page.keyboard.press('Shift+Tab');
    const insert = page.getByRole('button', { name: 'Insert reply', exact: true });
    await expect(insert).toBeFocused();
    await page.keyboard.press('Enter');
    const search = page.getByRole('combobox', { name: 'Find a saved reply' });
    await expect(search).toBeFocused();
    await page.keyboard.type(word);
    const replies = page.getByRole('listbox', { name: 'Saved replies' });
    await expect(replies.getByRole('option')).toHaveCount(1);
    await expect(replies.getByRole('option', { selected: true })).toContainText(title);
    await screenshot(page, '41-reply-picker');
    await page.keyboard.press('Enter');

    await expect(search).toHaveCount(0);
    await expect(message).toBeFocused();
    await expect(message).toHaveValue(filled);
  });

  await step('the agent adds a line and sends it as a normal reply; the conversation shows it', async () => {
    await page.keyboard.type(addition);
    await screenshot(page, '42-reply-inserted');
    const sent = apiResponse(page, 'POST', `/api/tickets/${ticket.id}/comments/`);
    await page.getByRole('button', { name: 'Send reply', exact: true }).click();
    const answer = await sent;
    expect(answer.status(), 'sending the reply').toBe(201);
    expect(answer.request().postDataJSON(), 'the edited text sent as the body').toEqual({ body: filled + addition, internal: false });
    const item = page.getByRole('listitem', { name: `Message from ${agentName}`, exact: true });
    await expect(item).toContainText(`Hello ${customer.name},`);
    await expect(item).toContainText('You will hear from us by Friday.');
    await expect(page.getByLabel('Message', { exact: true })).toHaveValue('');
  });

  await step("the customer reads it on their private link", async () => {
    const customerPage = await openPage();
    await customerPage.goto(ticket.link, { waitUntil: 'networkidle' });
    await expect(customerPage.locator('main')).toContainText(`we found why #${ticket.id}`);
    await expect(customerPage.locator('main')).toContainText('You will hear from us by Friday.');
  });
});
