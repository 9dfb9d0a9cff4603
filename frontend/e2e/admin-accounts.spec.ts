// An admin creates an agent, who signs in and triages a ticket until the admin deactivates
// them; the agent's next click takes them to sign in, told that their session has ended.
import { expect, staff, test } from './support/fixtures';
import { apiResponse, createTicketViaApi, mainNavigation, openSignedIn, rowOf, screenshot, signIn, uniqueWord } from './support/steps';

test('an admin creates an agent and deactivates them; the agent is signed out at their next click', async ({ page, openPage, request, problems, step }) => {
  const word = uniqueWord();
  const newAgent = { name: `Agent ${word}`, email: `${word}@example.test`, password: `a password for ${word}` };
  const ticket = { title: `Cannot download my invoices ${word}`, description: `The invoices page shows a spinner forever since yesterday. Reference ${word}.` };
  const { id } = await createTicketViaApi(request, staff.agent.token, ticket);
  const admin = page;
  const agent = await openPage();
  const accountOf = (name: string) => admin.getByRole('listitem', { name });

  await step('the admin signs in on the way to the accounts page and creates an agent', async () => {
    await openSignedIn(admin, '/accounts', staff.admin);
    await admin.getByRole('heading', { name: 'New account' }).waitFor();
    await admin.getByLabel('Email', { exact: true }).fill(newAgent.email);
    await admin.getByLabel('Name', { exact: true }).fill(newAgent.name);
    await admin.getByLabel('First password', { exact: true }).fill(newAgent.password);
    await admin.getByRole('button', { name: 'Create account' }).click();
    await expect(accountOf(newAgent.name)).toContainText(newAgent.email);
    await screenshot(admin, '11-accounts');
  });

  await step('the new agent signs in and triages a ticket', async () => {
    await openSignedIn(agent, `/?search=${word}`, newAgent);
    const saved = apiResponse(agent, 'PATCH', `/api/tickets/${id}/`);
    await rowOf(agent, ticket.title).getByLabel(/^Status/).selectOption('resolved');
    expect((await saved).status(), "the new agent's change").toBe(200);
    // On to a page that does not look for changes in the background (the queue would notice
    // the ended session within seconds by itself): here it is the next click that does.
    await mainNavigation(agent).getByRole('link', { name: 'Tokens' }).click();
    await agent.getByRole('heading', { name: 'Your tokens' }).waitFor();
  });

  await step('the admin deactivates the agent, after confirming in the page', async () => {
    const account = accountOf(newAgent.name);
    await account.getByRole('button', { name: `Deactivate ${newAgent.name}` }).click();
    await account.getByRole('button', { name: 'Yes, deactivate' }).click();
    await expect(account).toContainText('Deactivated');
  });

  await step("the agent's next click lands on sign-in, saying the session has ended, and signing in is refused", async () => {
    // The session ended on the server: the agent's next request is refused and the app
    // sends them to sign in, to come back to where they were.
    // The dashboard asks for its figures and looks for changes: both are refused.
    await problems.expecting(['GET', '/api/tickets/stats/', 401], () =>
      problems.expecting(['GET', '/api/tickets/?', 401], async () => {
        await mainNavigation(agent).getByRole('link', { name: 'Dashboard' }).click();
        await agent.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/dashboard');
      }),
    );
    await expect(agent.getByRole('status').filter({ hasText: 'Your session has ended; sign in again.' })).toBeVisible();
    await screenshot(agent, '12-deactivated-agent-signs-in-again');
    await problems.expecting(['POST', '/api/auth/login/', 401], async () => {
      await agent.getByLabel('Email', { exact: true }).fill(newAgent.email);
      await agent.getByLabel('Password', { exact: true }).fill(newAgent.password);
      await agent.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(agent.getByRole('alert')).toBeVisible();
    });
    await expect(agent.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  });
});

test('an admin signs in from the home page and out again', async ({ page, step }) => {
  await step('"Sign in" in the header leads to the sign-in page, and back home after signing in', async () => {
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await expect(page).toHaveTitle(/Sign in/);
    await signIn(page, staff.admin);
    await page.waitForURL((url) => url.pathname === '/');
    await expect(mainNavigation(page).getByRole('link', { name: 'Accounts' })).toBeVisible();
  });

  await step('"Sign out" ends the session and offers to sign in again, without saying it ended by itself', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(page.getByText('Your session has ended')).toHaveCount(0);
  });
});
