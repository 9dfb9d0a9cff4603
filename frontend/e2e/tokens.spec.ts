// An agent makes an API token for a script: its secret is shown once, works against the API,
// and stops working the moment the agent revokes it (after confirming in the page).
import { expect, staff, test } from './support/fixtures';
import { openSignedIn, screenshot, uniqueWord } from './support/steps';

test('an agent makes an API token, uses it, and revokes it', async ({ page, request, step }) => {
  const name = `nightly export ${uniqueWord()}`;
  let secret = '';
  const asTheScript = () => request.get('/api/tickets/', { headers: { Authorization: `Bearer ${secret}` } });

  await step('a new token is shown once, with a warning, and works against the API', async () => {
    await openSignedIn(page, '/tokens', staff.agent);
    await page.getByLabel('Token name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create token' }).click();
    const notice = page.getByRole('region', { name: 'Your new token' });
    await expect(notice).toContainText('it will not be shown again');
    secret = await notice.getByLabel(`Token "${name}"`).inputValue();
    expect(secret.length, "the secret's length").toBeGreaterThanOrEqual(20);
    await screenshot(page, '17-new-token');
    expect((await asTheScript()).status(), 'a request with the new token').toBe(200);
  });

  await step('"Done" forgets the secret: it is nowhere on the page any more', async () => {
    await page.getByRole('button', { name: 'Done, I have copied it' }).click();
    await expect(page.getByRole('region', { name: 'Your new token' })).toHaveCount(0);
    expect(await page.content(), 'the page after "Done"').not.toContain(secret);
    await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
  });

  await step('revoking asks in the page first, then the token stops working', async () => {
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
    expect((await asTheScript()).status(), 'a request with the revoked token').toBe(401);
  });
});
