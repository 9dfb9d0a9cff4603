// At a phone's width (390 × 844) every page an admin uses fits the screen (the bulk bar and
// the reply picker open too): nothing scrolls sideways, the whole navigation is in view, the queue's first ticket is on the first screen,
// and each account is a card whose buttons show their full labels.
import type { Locator } from '@playwright/test';
import { expect, staff, test } from './support/fixtures';
import { createTicketViaApi, mainNavigation, openSignedIn, pageWidth, screenshot, uniqueWord } from './support/steps';

const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE });

test("an admin's pages fit a phone's width", async ({ page, request, step }) => {
  const word = uniqueWord();
  const { id } = await createTicketViaApi(request, staff.agent.token, {
    title: `Export of the yearly report times out with a very long title that has to wrap ${word}`,
    description: `Exporting the yearly report fails after a minute with a gateway timeout. Reference ${word}.`,
  });
  await openSignedIn(page, '/accounts', staff.admin);

  const pages = [
    { path: '/', ready: () => page.getByRole('link', { name: new RegExp(word) }), screen: '20-phone-tickets' },
    { path: '/tickets/new', ready: () => page.getByRole('heading', { level: 1, name: 'New ticket' }), screen: '29-phone-new-ticket' },
    { path: `/tickets/${id}`, ready: () => page.getByRole('heading', { level: 1, name: new RegExp(word) }), screen: '21-phone-ticket' },
    { path: '/dashboard', ready: () => page.getByRole('table', { name: 'By status' }), screen: '22-phone-dashboard' },
    { path: '/accounts', ready: () => page.getByRole('heading', { name: 'Agents and admins' }), screen: '23-phone-accounts' },
    { path: '/tokens', ready: () => page.getByRole('heading', { name: 'Your tokens' }), screen: '24-phone-tokens' },
    { path: '/profile', ready: () => page.getByRole('checkbox', { name: 'Email me about my tickets' }), screen: '25-phone-profile' },
    { path: '/mail', ready: () => page.getByRole('heading', { name: 'Incoming' }), screen: '26-phone-mail' },
    { path: '/forgot-password', ready: () => page.getByRole('button', { name: 'Send the link' }), screen: '27-phone-forgot-password' },
    { path: '/reset#a-token-never-sent', ready: () => page.getByRole('button', { name: 'Set password' }), screen: '28-phone-reset' },
    { path: '/replies', ready: () => page.getByRole('heading', { name: 'New reply' }), screen: '43-phone-replies' },
  ];
  for (const { path, ready, screen } of pages) {
    await step(`${path} does not scroll sideways, and the whole navigation is in view`, async () => {
      await page.goto(path, { waitUntil: 'networkidle' });
      await ready().waitFor();
      expect(await pageWidth(page), `the width of ${path}`).toBeLessThanOrEqual(PHONE.width);
      for (const link of await mainNavigation(page).getByRole('link').all()) {
        await expect(link).toBeInViewport({ ratio: 1 });
      }
      await screenshot(page, screen);
    });
  }

  await step('the bulk bar of a selected ticket and the open reply picker fit too', async () => {
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('checkbox', { name: new RegExp(`^Select ticket #${id}:`) }).check();
    const bar = page.getByRole('form', { name: 'Change the selected tickets' });
    await expect(bar.getByRole('button', { name: 'Apply to 1 ticket' })).toBeInViewport({ ratio: 1 });
    expect(await pageWidth(page), 'the width of the list with the bulk bar').toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, '52-phone-bulk-bar');

    await page.goto(`/tickets/${id}`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Insert reply', exact: true }).click();
    await page.getByRole('combobox', { name: 'Find a saved reply' }).waitFor();
    await page.getByRole('link', { name: 'Write one on the Replies page' }).waitFor();
    expect(await pageWidth(page), 'the width of a ticket with the reply picker open').toBeLessThanOrEqual(PHONE.width);
  });

  await step("the queue's views, its buttons and its first ticket are on the first screen", async () => {
    await page.goto('/', { waitUntil: 'networkidle' });
    for (const view of await page.getByRole('navigation', { name: 'Queue views' }).getByRole('link').all()) {
      await expect(view).toBeInViewport({ ratio: 1 });
    }
    await expect(page.getByRole('link', { name: 'New ticket' })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('button', { name: /^Filters/ })).toBeInViewport({ ratio: 1 });
    await expect(page.locator('li.ticket-row').first().getByRole('link').first(), 'the first ticket, without scrolling').toBeInViewport({ ratio: 1 });
  });

  await step('each account is a card showing its email, role and full button labels', async () => {
    await page.goto('/accounts', { waitUntil: 'networkidle' });
    const card = page.getByRole('listitem', { name: 'Ada Admin' });
    await expect(card).toContainText(staff.admin.email);
    await expect(card.getByLabel(/^Role of/)).toHaveValue('admin');
    for (const label of ['Deactivate', 'Set password']) {
      const button = card.getByRole('button', { name: new RegExp(`^${label}`) });
      await button.scrollIntoViewIfNeeded();
      await expect(button).toBeInViewport({ ratio: 1 });
      expect(await visibleLines(button), `the lines of the "${label}" label`).toEqual([label]);
    }
    expect(await visibleLines(card.getByText(staff.admin.email)), 'the lines of the email').toEqual([staff.admin.email]);
  });
});

/** The lines the element's first text shows, as laid out (a label squeezed to "D" shows ["D", "e", …] or is cut). */
function visibleLines(locator: Locator): Promise<string[]> {
  return locator.evaluate((element) => {
    const text = [...element.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())!;
    const box = element.getBoundingClientRect();
    const lines = new Map<number, string>();
    for (let offset = 0; offset < text.textContent!.length; offset += 1) {
      const range = document.createRange();
      range.setStart(text, offset);
      range.setEnd(text, offset + 1);
      const letter = range.getBoundingClientRect();
      // A letter outside its element's box is cut off from view.
      if (letter.width === 0 || letter.right > box.right + 0.5 || letter.left < box.left - 0.5) continue;
      const top = Math.round(letter.top);
      lines.set(top, (lines.get(top) ?? '') + text.textContent![offset]);
    }
    return [...lines.values()].map((line) => line.trim()).filter(Boolean);
  });
}
