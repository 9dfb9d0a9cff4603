// A customer who gave their email hears from the team by mail: the acknowledgement with the
// follow link, then the agent's reply, whose delivery the agent watches go from queued to
// "Sent" in the conversation without reloading. The customer's page shows nothing of mail.
import { expect, staff, test } from './support/fixtures';
import { linkIn, skipWithoutMail, waitForMail } from './support/mail';
import { newCustomer, openSignedIn, screenshot, sendComment, submitAsVisitor, uniqueWord, type PrivateLink } from './support/steps';

skipWithoutMail();

test("an agent's reply is mailed to the customer, and the conversation shows it sent", async ({ page, baseURL, openPage, step }) => {
  const customer = newCustomer();
  const reply = `We found the cause: the export skips reports without a date range. A fix is on its way. ${uniqueWord()}`;
  let ticket: PrivateLink = { id: 0, link: '', accessKey: '' };
  let followLink = '';
  let agentName = '';

  await step('a visitor submits a ticket with their email and gets an acknowledgement with the follow link', async () => {
    ticket = await submitAsVisitor(await openPage(), customer);
    const acknowledgement = await waitForMail(customer.email, 'the acknowledgement', (mail) => mail.subject === `[#${ticket.id}] ${customer.title}`);
    followLink = linkIn(acknowledgement, `${baseURL}/follow/${ticket.id}#`);
  });

  await step("the agent's public reply is marked as going by email, and its delivery turns to Sent", async () => {
    await openSignedIn(page, `/tickets/${ticket.id}`, staff.agent);
    agentName = (await page.locator('.user-menu__name').innerText()).trim();
    const item = await sendComment(page, ticket.id, {
      internal: false,
      heading: 'Reply to the customer',
      button: 'Send reply',
      text: reply,
      listedAs: `Message from ${agentName}`,
    });
    await expect(item.locator('.comment__channel'), 'the mark of mail').toHaveText(/by email$/);
    await expect(item.getByText(`Email to ${customer.email}:`, { exact: true })).toBeVisible();
    // No reload: the conversation asks again while the mail is queued.
    await expect(item.locator('.mail-delivery__status'), 'the delivery, once the worker sent it').toHaveText(/Sent$/, { timeout: 30_000 });
    await screenshot(page, '30-mailed-reply-sent');
  });

  await step('the reply reaches the customer by mail, with the follow link', async () => {
    const mail = await waitForMail(customer.email, "the agent's reply", (candidate) => candidate.subject === `Re: [#${ticket.id}] ${customer.title}`);
    expect(mail.text, "the agent's words in the mail").toContain(reply);
    expect(mail.text, "the agent's name under them").toContain(agentName);
    expect(linkIn(mail, `${baseURL}/follow/${ticket.id}#`), 'the follow link of the reply').toBe(followLink);
  });

  await step("the mail's follow link opens the customer's page, which shows the reply and nothing of mail", async () => {
    const customerPage = await openPage();
    await customerPage.goto(followLink, { waitUntil: 'networkidle' });
    await customerPage.getByRole('heading', { level: 1, name: customer.title, exact: true }).waitFor();
    await customerPage.getByRole('listitem', { name: `Message from ${agentName} (support)`, exact: true }).getByText(reply, { exact: true }).waitFor();
    await expect(customerPage.getByRole('main')).not.toContainText(/by email|Email to|Sent|Queued/);
  });
});
