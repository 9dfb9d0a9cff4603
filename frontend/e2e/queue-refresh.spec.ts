// The agent's home is the queue, and it stays fresh without reloading. At 1280 × 800 the
// queue shows at least eight tickets. A customer files a ticket in their own words (no word of
// the classifier's), the agent answers it from the ticket page in one window while the queue is
// open in another: the ticket leaves "Waiting on us". The customer replies on the follow page;
// within 5 seconds the queue shows it waiting on us again with the customer's reply, and the
// open ticket shows the message, while the agent's half-typed reply stays as it was. Where
// the server pushes changes (E2E_CHANGES_PUSHED=1: nginx with `flask events` beside the API)
// the queue hears of the reply on its stream without asking; elsewhere (gunicorn alone, no
// stream) it finds it by looking.
import { expect, staff, test } from './support/fixtures';
import {
  apiResponse,
  createTicketViaApi,
  newCustomer,
  openSignedIn,
  replyAsCustomer,
  rowOf,
  screenshot,
  sendComment,
  submitForm,
  uniqueWord,
  type PrivateLink,
} from './support/steps';

const DESKTOP = { width: 1280, height: 800 };
// The contract's promise for someone else's change on an open list or ticket.
const WITHIN_5_S = { timeout: 5_000 };
const CHANGES_PUSHED = process.env.E2E_CHANGES_PUSHED === '1';

test.use({ viewport: DESKTOP });

test("the queue shows the customer's reply within 5 seconds, on the list and the open ticket, leaving a half-typed reply alone", async ({ page, request, openPage, step }) => {
  const customer = newCustomer();
  const agentReply = `We are looking into it. ${uniqueWord()}`;
  const customerReply = `It still does nothing this morning. ${uniqueWord()}`;
  const halfTyped = 'Thanks, could you tell me which brow';
  const queue = page;
  let ticket: PrivateLink = { id: 0, link: '', accessKey: '' };

  await step('at 1280 × 800 the queue shows at least eight tickets', async () => {
    const word = uniqueWord();
    for (let index = 1; index <= 9; index += 1) {
      await createTicketViaApi(request, staff.agent.token, {
        title: `Queue filler ${index} ${word}`,
        description: `Ticket ${index} that waits on the team, so the queue has enough rows to count. Reference ${word}.`,
      });
    }
    await openSignedIn(queue, '/', staff.agent);
    await queue.getByRole('link', { name: `Queue filler 9 ${word}` }).waitFor();
    await expect(queue.getByRole('navigation', { name: 'Queue views' }).getByRole('link', { name: /^Waiting on us/ })).toHaveAttribute('aria-current', 'page');
    const fullyShown = await queue.locator('li.ticket-row').evaluateAll((rows) => rows.filter((row) => row.getBoundingClientRect().bottom <= window.innerHeight).length);
    expect(fullyShown, 'rows wholly on the first screen').toBeGreaterThanOrEqual(8);
    await screenshot(queue, '30-queue-desktop');
  });

  await step("a visitor files a ticket in their words: what the form suggests names no classifier", async () => {
    const visitor = await openPage();
    await visitor.goto('/', { waitUntil: 'networkidle' });
    await visitor.getByLabel('Title', { exact: true }).fill(customer.title);
    await visitor.getByLabel('Description', { exact: true }).fill(customer.description);
    await visitor.getByLabel('Your name (optional)', { exact: true }).fill(customer.name);
    await visitor.getByLabel('Your email (optional)', { exact: true }).fill(customer.email);
    await visitor.getByLabel('Description', { exact: true }).blur();
    await expect(visitor.locator('.suggestion-note--applied').first()).toHaveText(/Suggested from what you wrote/);
    await expect(visitor.locator('main'), "the classifier's words on a customer's page").not.toContainText(/offline rules|Gemini|fallback|classif/i);
    const created = apiResponse(visitor, 'POST', '/api/tickets/');
    const id = await submitForm(visitor);
    const accessKey = (await (await created).json()).access_key as string;
    ticket = { id, accessKey, link: await visitor.getByLabel('Private link', { exact: true }).inputValue() };
    await visitor.context().close();
  });

  await step('the new ticket joins the open queue on its own, waiting on us', async () => {
    const row = rowOf(queue, customer.title);
    await expect(row).toBeVisible({ timeout: 6_000 });
    await expect(row.locator('.waiting-mark')).toHaveText(/Waiting on us/);
    await expect(row.locator('.ticket-row__requester')).toHaveText(customer.name);
    await expect(row.locator('.ticket-row__activity')).toHaveText(/^Opened · /);
  });

  const ticketPage = await openPage();
  await step('the agent answers from the ticket, in another window: the ticket leaves "Waiting on us"', async () => {
    await openSignedIn(ticketPage, `/tickets/${ticket.id}`, staff.agent);
    await ticketPage.getByRole('heading', { level: 1, name: customer.title, exact: true }).waitFor();
    const agentName = (await ticketPage.locator('.user-menu__name').innerText()).trim();
    await sendComment(ticketPage, ticket.id, { internal: false, heading: 'Reply to the customer', button: 'Send reply', text: agentReply, listedAs: `Message from ${agentName}` });
    await expect(ticketPage.locator('.waiting-mark')).toHaveText('Waiting on the customer');
    await expect(rowOf(queue, customer.title), 'the answered ticket in "Waiting on us"').toHaveCount(0, WITHIN_5_S);
  });

  await step('the agent starts another reply and leaves it half-typed', async () => {
    const message = ticketPage.getByLabel('Message', { exact: true });
    await message.click();
    await message.pressSequentially(halfTyped);
  });

  await step('the customer replies on the follow page; within 5 s the queue and the open ticket show it', async () => {
    const customerPage = await openPage();
    await customerPage.goto(ticket.link, { waitUntil: 'networkidle' });
    await customerPage.getByRole('listitem', { name: /^Message from .* \(support\)$/ }).getByText(agentReply, { exact: true }).waitFor();
    const looks: string[] = [];
    queue.on('request', (request) => {
      if (request.url().includes('updated_since=')) looks.push(request.url());
    });
    await replyAsCustomer(customerPage, ticket, customerReply);

    const row = rowOf(queue, customer.title);
    await expect(row, 'the ticket back in "Waiting on us"').toBeVisible(WITHIN_5_S);
    if (CHANGES_PUSHED) expect(looks, 'looks for changes while the stream was open').toEqual([]);
    else expect(looks.length, 'looks for changes, with no stream').toBeGreaterThan(0);
    await expect(row.locator('.ticket-row__activity')).toHaveText(new RegExp(`^${customer.name} replied · `));
    await expect(row.locator('.waiting-mark')).toHaveText(/Waiting on us/);

    const message = ticketPage.getByRole('listitem', { name: `Message from ${customer.name} (customer)`, exact: true });
    await expect(message.getByText(customerReply, { exact: true }), "the customer's message on the open ticket").toBeVisible(WITHIN_5_S);
    await expect(ticketPage.locator('.waiting-mark'), 'the open ticket, waiting on us again').toHaveText(/Waiting on us/);
    const replyBox = ticketPage.getByLabel('Message', { exact: true });
    await expect(replyBox, 'the half-typed reply').toHaveValue(halfTyped);
    await expect(replyBox, 'the focus, still in the reply').toBeFocused();
    await screenshot(queue, '31-queue-after-reply');
    await screenshot(ticketPage, '32-ticket-after-reply');
  });
});
