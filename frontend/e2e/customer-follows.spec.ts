// A visitor without an account submits a ticket and keeps its private link; the customer opens
// it in a browser of their own and sees their ticket, nothing of the agents' triage or menus.
import { expect, test } from './support/fixtures';
import { apiResponse, expectNothingOfTriage, newCustomer, screenshot, submitAsVisitor } from './support/steps';

test('a customer submits a ticket and follows it through the private link', async ({ openPage, step }) => {
  const customer = newCustomer();
  const visitor = await openPage();
  let privateLink = { id: 0, link: '', accessKey: '' };

  await step('a visitor submits a ticket without an account and gets a private link to keep', async () => {
    privateLink = await submitAsVisitor(visitor, customer);
    await expect(visitor.getByRole('link', { name: `#${privateLink.id}` }), "the agents' ticket page offered to a visitor").toHaveCount(0);
    await visitor.getByRole('button', { name: 'Copy link', exact: true }).click();
    // Copied, or (where the browser refuses the clipboard) selected for Ctrl+C: either way it did something.
    await visitor.locator('.private-link').getByRole('status').filter({ hasText: /^(Copied\.|Selected: press Ctrl\+C)/ }).waitFor();
    await screenshot(visitor, '13-private-link');
    await visitor.context().close();
  });

  await step('the customer opens the private link in another browser: their ticket, nothing of triage, no agent menu', async () => {
    const customerPage = await openPage();
    const loaded = apiResponse(customerPage, 'GET', `/api/tickets/${privateLink.id}/`);
    await customerPage.goto(privateLink.link, { waitUntil: 'networkidle' });
    const answer = await loaded;
    expect(answer.status(), "the customer's ticket").toBe(200);
    expect((await answer.request().allHeaders())['x-ticket-key'], 'the key sent with the request').toBe(privateLink.accessKey);
    expect(Object.keys(await answer.json()).sort(), "the fields of the customer's view").toEqual(['created_at', 'description', 'id', 'status', 'title', 'updated_at']);
    expect(await customerPage.context().cookies(), "the customer's cookies").toEqual([]);

    await customerPage.getByRole('heading', { level: 1, name: customer.title, exact: true }).waitFor();
    const main = customerPage.locator('main');
    await main.getByText(customer.description, { exact: true }).waitFor();
    await main.getByText('Status: Open', { exact: true }).waitFor();
    await main.getByText('No messages yet.', { exact: true }).waitFor();
    await expectNothingOfTriage(customerPage);
    await expect(customerPage.getByRole('navigation'), "a navigation on the customer's page").toHaveCount(0);
    for (const name of ['Sign in', 'Sign out', 'Tickets', 'Dashboard', 'Tokens', 'Accounts']) {
      await expect(customerPage.getByRole('link', { name, exact: true }), `a "${name}" link`).toHaveCount(0);
      await expect(customerPage.getByRole('button', { name, exact: true }), `a "${name}" button`).toHaveCount(0);
    }

    // A keyboard user skips the header: the page keeps the ticket, and the address keeps the key.
    await customerPage.keyboard.press('Tab');
    await expect(customerPage.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await customerPage.keyboard.press('Enter');
    await expect(customerPage.locator('#main')).toBeFocused();
    await customerPage.getByRole('heading', { level: 1, name: customer.title, exact: true }).waitFor();
    expect(customerPage.url(), 'the address after skipping to the content').toBe(privateLink.link);
    await screenshot(customerPage, '14-follow-page');
  });
});
