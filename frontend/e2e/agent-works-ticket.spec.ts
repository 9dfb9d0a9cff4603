// A customer's ticket, worked by the agent: assigned, an internal note, a public reply; the
// customer sees the reply (not the note) and answers; the history tells each step; a reply to
// the resolved ticket reopens it. Each person is in a browser context of their own.
import { expect, staff, test } from './support/fixtures';
import {
  apiResponse,
  conversationAuthors,
  expectTimeline,
  mainNavigation,
  openSignedIn,
  queueViews,
  replyAsCustomer,
  rowOf,
  expectNothingOfTriage,
  newCustomer,
  screenshot,
  sendComment,
  submitAsVisitor,
  uniqueWord,
  type PrivateLink,
} from './support/steps';

test('an agent works a customer ticket: assign, note, reply; the customer answers and reopens it', async ({ page, openPage, step }) => {
  const customer = newCustomer();
  const word = customer.title.split(' ').at(-1)!;
  const noteWord = uniqueWord();
  const note = `Reproduced: the export worker crashes on reports with an empty date range. No promises on a date yet. ${noteWord}`;
  const agentReply = `Thank you for the report. We found the cause and are working on a fix. ${uniqueWord()}`;
  const customerReply = `Thanks, I will wait for the fix. ${uniqueWord()}`;
  const reopeningReply = `It happens again since this morning. ${uniqueWord()}`;
  const fromCustomer = `Message from ${customer.name} (customer)`;
  const customerPage = await openPage();
  let ticket: PrivateLink = { id: 0, link: '', accessKey: '' };
  let agentName = '';
  let timeline: string[] = [];

  await step('a visitor submits the ticket; the customer opens its private link', async () => {
    ticket = await submitAsVisitor(await openPage(), customer);
    await customerPage.goto(ticket.link, { waitUntil: 'networkidle' });
    await customerPage.getByRole('heading', { level: 1, name: customer.title, exact: true }).waitFor();
  });

  await step('the agent assigns the ticket to themself, adds an internal note, then replies', async () => {
    await openSignedIn(page, `/tickets/${ticket.id}`, staff.agent);
    agentName = (await page.locator('.user-menu__name').innerText()).trim();
    await page.getByRole('heading', { level: 1, name: customer.title, exact: true }).waitFor();
    await page.getByText(`From ${customer.name} (${customer.email})`, { exact: true }).waitFor();

    const assignee = page.getByLabel('Assignee', { exact: true });
    await expect(assignee, 'the assignee of the new ticket').toHaveValue('');
    const assigned = apiResponse(page, 'PATCH', `/api/tickets/${ticket.id}/`);
    await assignee.selectOption({ label: agentName });
    const answer = await assigned;
    expect(answer.status(), 'assigning').toBe(200);
    const saved = await answer.json();
    expect(saved.assignee?.name, 'the assignee stored').toBe(agentName);
    await expect(assignee).toHaveValue(String(saved.assignee.id));

    const noteSwitch = page.getByLabel('Internal note (only agents see it)', { exact: true });
    await noteSwitch.check();
    await page.getByText('Only agents will see this note.').waitFor();
    const noteItem = await sendComment(page, ticket.id, {
      internal: true,
      heading: 'Add an internal note',
      button: 'Add internal note',
      text: note,
      listedAs: `Internal note from ${agentName}`,
    });
    await expect(noteItem.locator('.comment__label'), 'the note visibly marked').toHaveText(/Internal note$/);

    await noteSwitch.uncheck();
    const replyItem = await sendComment(page, ticket.id, {
      internal: false,
      heading: 'Reply to the customer',
      button: 'Send reply',
      text: agentReply,
      listedAs: `Message from ${agentName}`,
    });
    await expect(replyItem.locator('.comment__label'), 'a mark on the reply').toHaveCount(0);
    // Without a reload: each change brought the history up to date.
    timeline = ['Created by customer', `${agentName} changed assignee Unassigned → ${agentName}`, `${agentName} added an internal note`, `${agentName} replied`];
    await expectTimeline(page, timeline);
  });

  await step('answered, the ticket is not in "Waiting on us"; the "Mine" view lists it, "Unassigned" does not', async () => {
    await mainNavigation(page).getByRole('link', { name: 'Tickets' }).click();
    await page.getByLabel('Search', { exact: true }).fill(word);
    await page.waitForURL((url) => url.searchParams.get('search') === word);
    await page.getByText('No tickets match these filters.').waitFor();

    const mine = apiResponse(page, 'GET', '/api/tickets/', (query) => query.getAll('assignee').join() === 'me');
    await queueViews(page).getByRole('link', { name: /^Mine/ }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'mine' && url.searchParams.get('search') === word);
    const mineAnswer = await mine;
    expect(mineAnswer.status(), 'the "Mine" list').toBe(200);
    expect(mineAnswer.request().url(), '"Mine" asks for open and in-progress tickets').toContain('status=open&status=in_progress');
    const minePage = await mineAnswer.json();
    expect(minePage.results.map((row: { id: number }) => row.id), '"Mine" found').toEqual([ticket.id]);
    await expect(page.locator('.ticket-list__rows--stale')).toHaveCount(0);
    await rowOf(page, customer.title).getByText(`Assigned to ${agentName}`, { exact: true }).waitFor();

    const unassigned = apiResponse(page, 'GET', '/api/tickets/', (query) => query.getAll('assignee').join() === 'none');
    await queueViews(page).getByRole('link', { name: /^Unassigned/ }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'unassigned');
    expect((await unassigned).status(), 'the "Unassigned" list').toBe(200);
    await page.getByText('No tickets match these filters.').waitFor();
    await expect(rowOf(page, customer.title), '"Unassigned" listing the assigned ticket').toHaveCount(0);
  });

  await step("the customer's page, reloaded, shows the reply and nothing of the note", async () => {
    const loaded = apiResponse(customerPage, 'GET', `/api/tickets/${ticket.id}/comments/`);
    await customerPage.reload({ waitUntil: 'networkidle' });
    const answer = await loaded;
    expect(answer.status(), "the customer's conversation").toBe(200);
    const sent = JSON.stringify(await answer.json());
    expect(sent, 'the API sent the note to the customer').not.toContain(noteWord);
    expect(sent, 'the API sent an internal comment to the customer').not.toContain('"internal":true');

    const reply = customerPage.getByRole('listitem', { name: `Message from ${agentName} (support)`, exact: true });
    await reply.getByText(agentReply, { exact: true }).waitFor();
    expect(await customerPage.content(), "the note's text on the customer's page").not.toContain(noteWord);
    await expectNothingOfTriage(customerPage);
  });

  await step('the customer replies on their page', async () => {
    await replyAsCustomer(customerPage, ticket, customerReply);
    await customerPage.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    await expect(customerPage.getByLabel('Your reply', { exact: true }), 'the reply box after sending').toHaveValue('');
  });

  await step("the agent sees the customer's reply, and the history tells every step in order", async () => {
    await page.goto(`/tickets/${ticket.id}`, { waitUntil: 'networkidle' });
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('listitem', { name: fromCustomer, exact: true }).getByText(customerReply, { exact: true }).waitFor();
    expect(await conversationAuthors(page), 'the conversation, oldest first').toEqual([`Internal note from ${agentName}`, `Message from ${agentName}`, fromCustomer]);
    timeline = [...timeline, 'Customer replied'];
    await expectTimeline(page, timeline);
    await screenshot(page, '15-ticket-worked');
  });

  await step("after the agent resolves the ticket, the customer's reply reopens it", async () => {
    const resolved = apiResponse(page, 'PATCH', `/api/tickets/${ticket.id}/`);
    await page.getByLabel(/^Status/).selectOption('resolved');
    const answer = await resolved;
    expect(answer.status(), 'resolving').toBe(200);
    expect((await answer.json()).status, 'the status stored').toBe('resolved');
    timeline = [...timeline, `${agentName} changed status Open → Resolved`];
    await expectTimeline(page, timeline);

    await customerPage.reload({ waitUntil: 'networkidle' });
    await customerPage.getByText('Status: Resolved', { exact: true }).waitFor();
    await customerPage.getByText('We think this is solved. Replying reopens the ticket.').waitFor();
    await replyAsCustomer(customerPage, ticket, reopeningReply);
    await customerPage.getByText('Status: Open', { exact: true }).waitFor();
  });

  await step("the agent sees the ticket open again, the customer's change of status last in the history", async () => {
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('listitem', { name: fromCustomer, exact: true }).getByText(reopeningReply, { exact: true }).waitFor();
    await expect(page.getByLabel(/^Status/)).toHaveValue('open');
    await expectTimeline(page, [...timeline, 'Customer replied', 'Customer changed status Resolved → Open']);
    await screenshot(page, '16-ticket-reopened');
  });
});
