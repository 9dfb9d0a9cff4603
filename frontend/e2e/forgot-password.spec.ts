// An agent who forgot their password asks for a link on the sign-in page, finds it in the
// mail the server sent, chooses a new password through it and signs in with that; the link
// leaves the address bar as soon as the page has read it, and works only once.
import { expect, staff, test } from './support/fixtures';
import { linkIn, skipWithoutMail, waitForMail } from './support/mail';
import { apiResponse, createAgentViaApi, signIn, uniqueWord, type NewAccount } from './support/steps';

skipWithoutMail();

const SENT = 'If an account uses that address, we sent a link to reset its password. It works for one hour.';

test('an agent resets a forgotten password through the mailed link, then signs in with the new one', async ({ page, baseURL, request, openPage, problems, step }) => {
  const word = uniqueWord();
  const agent: NewAccount = { name: `Robin ${word}`, email: `robin.${word}@example.test`, password: `the first passphrase ${word}` };
  const newPassword = `a second passphrase for ${word}`;
  let link = '';

  await step('an agent account of its own', async () => {
    await createAgentViaApi(request, staff.admin, agent);
  });

  await step('"Forgot password?" on the sign-in page asks for the email, then says the same whatever the address', async () => {
    await page.goto('/sign-in', { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Forgot password?', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(agent.email);
    const requested = apiResponse(page, 'POST', '/api/auth/password-reset/');
    await page.getByRole('button', { name: 'Send the link', exact: true }).click();
    expect((await requested).status(), 'asking for a link').toBe(202);
    await expect(page.getByRole('status')).toHaveText(SENT);
  });

  await step('the mail holds a link to /reset with the token in the fragment', async () => {
    const mail = await waitForMail(agent.email, 'the password-reset mail');
    expect(mail.subject).toBe('Reset your password');
    link = linkIn(mail, `${baseURL}/reset#`);
    expect(link.split('#')[1].length, "the token's length").toBeGreaterThanOrEqual(22);
  });

  await step('the link opens the page for a new password and leaves the address bar at once', async () => {
    await page.goto(link, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await expect.poll(() => page.url(), 'the address once the page has read the token').toBe(link.split('#')[0]);
  });

  await step('a new password, twice, is set; "Sign in" leads to signing in with it', async () => {
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again', { exact: true }).fill(newPassword);
    const confirmed = apiResponse(page, 'POST', '/api/auth/password-reset/confirm/');
    await page.getByRole('button', { name: 'Set password', exact: true }).click();
    const answer = await confirmed;
    expect(answer.status(), 'setting the password').toBe(204);
    expect(answer.request().postDataJSON(), 'what the confirmation sent').toEqual({ token: link.split('#')[1], password: newPassword });
    await page.getByRole('heading', { level: 1, name: 'Your password is set' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).click();
    await signIn(page, { email: agent.email, password: newPassword });
  });

  await step('the same link does not work twice', async () => {
    const again = await openPage();
    await again.goto(link, { waitUntil: 'networkidle' });
    await again.getByLabel('New password', { exact: true }).fill(`${newPassword} again`);
    await again.getByLabel('New password again', { exact: true }).fill(`${newPassword} again`);
    await problems.expecting(['POST', '/api/auth/password-reset/confirm/', 400], async () => {
      await again.getByRole('button', { name: 'Set password', exact: true }).click();
      await again.getByRole('heading', { level: 1, name: 'This link is no longer valid.' }).waitFor();
    });
    await expect(again.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });
});
