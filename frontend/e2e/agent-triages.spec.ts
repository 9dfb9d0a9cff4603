// An agent signs in, files a ticket (from the queue's "New ticket") with the classifier's
// suggestion and overrides it, finds it by search and by the filter panel, triages it from the list (with the mouse and with the keyboard
// alone), watches the dashboard follow, reloads, meets an edit conflict, and files hostile text.
import { expect, staff, test } from './support/fixtures';
import {
  apiResponse,
  expectDashboard,
  holdBackOthersChanges,
  mainNavigation,
  openDashboard,
  openNewTicketForm,
  readDashboard,
  rowOf,
  screenshot,
  signIn,
  submitForm,
  submitTicket,
  ticketViaApi,
  toggleFilters,
  uniqueWord,
  type DashboardFigures,
} from './support/steps';

const word = uniqueWord();
const title = `Charged twice for my subscription ${word}`;
const description = `My card was charged two times for the same monthly subscription invoice. Please refund the duplicate charge. Reference ${word}.`;
const hostileTitle = '<img src=x onerror=alert(1)>';
const hostileWord = uniqueWord();
const hostileDescription = `<script>alert("xss")</script> and <b>bold</b> ${hostileWord}`;

test('an agent files, finds and triages a ticket, and the dashboard follows', async ({ page, request, problems, step }) => {
  const agent = staff.agent;
  let before: DashboardFigures;
  let ticketId = 0;
  let category = '';
  let suggestedCategory = '';
  let suggestedPriority = '';

  await step('a visitor opening the dashboard signs in first, then lands on it with its figures', async () => {
    await page.goto('/dashboard', { waitUntil: 'networkidle' });
    await page.waitForURL((url) => url.searchParams.get('next') === '/dashboard');
    await screenshot(page, '00-sign-in');
    await signIn(page, agent);
    await page.waitForURL((url) => url.pathname === '/dashboard');
    before = await readDashboard(page);
    await screenshot(page, '01-dashboard-before');
  });

  await step('a keyboard user lands on "Skip to content" first', async () => {
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  });

  await step('typing a ticket brings a suggestion, marked with who made it', async () => {
    await openNewTicketForm(page);
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Description', { exact: true }).pressSequentially(description.slice(0, 60));
    await page.getByLabel('Description', { exact: true }).fill(description);
    await expect(page.locator('.suggestion-note--applied').first()).toHaveText(/Suggested by (Gemini|offline rules)/);
    suggestedCategory = await page.getByLabel('Category', { exact: true }).inputValue();
    suggestedPriority = await page.getByLabel('Priority', { exact: true }).inputValue();
    expect(suggestedCategory && suggestedPriority, 'category and priority pre-filled').toBeTruthy();
    await screenshot(page, '02-new-ticket-suggestion');
  });

  await step('the user overrides the suggested category and submits; the ticket tops the list', async () => {
    category = suggestedCategory === 'technical' ? 'account' : 'technical';
    await page.getByLabel('Category', { exact: true }).selectOption(category);
    await page.getByText(/^Your choice \(suggested by/).waitFor();
    ticketId = await submitForm(page);
    await expect(page.getByLabel('Title', { exact: true }), 'the form cleared after submitting').toHaveValue('');
    await page.getByRole('link', { name: '← Back to the queue' }).click();
    await expect(page.locator('li.ticket-row').first().getByRole('link')).toHaveText(title);
    const row = rowOf(page, title);
    await expect(row.getByLabel(/^Category/), 'the overridden category').toHaveValue(category);
    await expect(row.getByLabel(/^Priority/), 'the suggested priority').toHaveValue(suggestedPriority);
  });

  await step('the dashboard counts the new open ticket', async () => {
    await openDashboard(page);
    await expectDashboard(page, 'one more ticket, open, carrying a suggestion', {
      total: before.total + 1,
      open: before.open + 1,
      ...(before.suggested !== null && { suggested: before.suggested + 1 }),
    });
  });

  await step('search finds the ticket, and the search is in the URL', async () => {
    await mainNavigation(page).getByRole('link', { name: 'Tickets' }).click();
    await page.getByLabel('Search', { exact: true }).fill(word);
    await page.waitForURL((url) => url.searchParams.get('search') === word);
    await page.getByText('Showing 1–1 of 1 ticket').waitFor();
    await rowOf(page, title).waitFor();
    await screenshot(page, '03-list-search');
  });

  await step('filters find it too, combine, and back/forward step through them', async () => {
    await page.getByLabel('Search', { exact: true }).fill('');
    await page.waitForURL((url) => url.search === '');
    await toggleFilters(page);
    await page.getByRole('group', { name: 'Category' }).getByLabel(category === 'technical' ? 'Technical' : 'Account').check();
    await page.waitForURL((url) => url.searchParams.get('category') === category);
    await page.getByRole('group', { name: 'Status' }).getByLabel('Open').check();
    await page.waitForURL((url) => url.searchParams.get('status') === 'open');
    await rowOf(page, title).waitFor();
    const categories = await page.locator('li.ticket-row select[id$="-category"]').evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).value));
    expect(new Set(categories), 'the categories of the filtered rows').toEqual(new Set([category]));
    await screenshot(page, '04-list-filtered');

    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('status') && url.searchParams.get('category') === category);
    await expect(page.getByRole('group', { name: 'Status' }).getByLabel('Open'), 'the Open chip after going back').not.toBeChecked();
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('status') === 'open');
    await rowOf(page, title).waitFor();
  });

  await step('changing the status from the list saves it', async () => {
    const saved = apiResponse(page, 'PATCH', `/api/tickets/${ticketId}/`);
    await rowOf(page, title).getByLabel(/^Status/).selectOption('in_progress');
    const response = await saved;
    expect(response.status()).toBe(200);
    expect((await response.json()).status, 'the status stored').toBe('in_progress');
  });

  await step('the dashboard moves the ticket from open to in progress', async () => {
    await openDashboard(page);
    await expectDashboard(page, 'the ticket in progress', { total: before.total + 1, open: before.open, inProgress: before.inProgress + 1 });
    await screenshot(page, '05-dashboard-after');
  });

  await step('after a reload everything is still there', async () => {
    await page.goto(`/?search=${word}`, { waitUntil: 'networkidle' });
    await page.reload({ waitUntil: 'networkidle' });
    const row = rowOf(page, title);
    await expect(row.getByLabel(/^Status/), 'the status persisted').toHaveValue('in_progress');
    await expect(row.getByLabel(/^Category/), 'the category persisted').toHaveValue(category);
    await expect(page.getByLabel('Search', { exact: true }), 'the search box keeps the search of the URL').toHaveValue(word);
  });

  await step('a list row is two Tab stops, its checkbox and its title; ← → move inside it', async () => {
    const row = rowOf(page, title);
    const link = row.getByRole('link', { name: title, exact: true });
    await link.focus();
    await page.keyboard.press('Tab');
    expect(await row.evaluate((element) => element.contains(document.activeElement)), 'Tab left the row').toBe(false);
    await page.keyboard.press('Shift+Tab');
    await expect(link).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(row.getByRole('checkbox', { name: `Select ticket #${ticketId}: ${title}` })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(link).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(row.getByLabel(/^Status/)).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(row.getByLabel(/^Category/)).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(link).toBeFocused();
  });

  await step('arrow keys on a focused status select save nothing until Enter; Undo puts the old value back', async () => {
    const row = rowOf(page, title);
    const status = row.getByLabel(/^Status/);
    const patches: string[] = [];
    page.on('request', (sent) => {
      if (sent.method() === 'PATCH') patches.push(sent.postData() ?? '');
    });
    await status.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(status, 'the select shows where the arrows went').toHaveValue('closed');
    await page.waitForTimeout(500);
    expect(patches, 'PATCHes sent while browsing the choices').toEqual([]);
    expect((await ticketViaApi(request, agent.token, ticketId)).status, 'the status on the server while browsing').toBe('in_progress');

    const closed = apiResponse(page, 'PATCH', `/api/tickets/${ticketId}/`);
    await page.keyboard.press('Enter');
    expect((await (await closed).json()).status, 'the status Enter saved').toBe('closed');
    await expect(row.getByRole('status')).toHaveText(/Updated · Undo/);

    const undone = apiResponse(page, 'PATCH', `/api/tickets/${ticketId}/`);
    await row.getByRole('button', { name: /^Undo/ }).click();
    expect((await (await undone).json()).status, 'the status Undo put back').toBe('in_progress');
    await expect(status).toHaveValue('in_progress');

    await status.focus();
    await page.keyboard.press('ArrowDown');
    const onBlur = apiResponse(page, 'PATCH', `/api/tickets/${ticketId}/`);
    await page.keyboard.press('Shift+Tab');
    expect((await (await onBlur).json()).status, 'the status saved on leaving the select').toBe('resolved');
    await row.getByRole('button', { name: /^Undo/ }).click();
    await expect.poll(async () => (await ticketViaApi(request, agent.token, ticketId)).status, { message: 'the status after the second Undo' }).toBe('in_progress');
    expect(patches, 'one PATCH per deliberate choice or Undo').toHaveLength(4);
  });

  await step('the ticket page shows the classifier note', async () => {
    await page.goto(`/tickets/${ticketId}`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText(/^Suggested by (Gemini|offline rules):/).waitFor();
    await screenshot(page, '06-ticket-detail');
  });

  await step('an edit based on an outdated copy is refused and shows what changed', async () => {
    // Someone else (a script with an API token) raises the priority behind this page's back,
    // and the agent changes the status before the page has looked for changes.
    const showOthersChanges = await holdBackOthersChanges(page);
    const current = await ticketViaApi(request, agent.token, ticketId);
    const theirs = await request.patch(`/api/tickets/${ticketId}/`, {
      headers: { Authorization: `Bearer ${agent.token}`, 'If-Match': `"${current.updated_at}"` },
      data: { priority: 'critical' },
    });
    expect(theirs.status(), 'the concurrent PATCH').toBe(200);

    await problems.expecting(['PATCH', `/api/tickets/${ticketId}/`, 412], async () => {
      await page.getByLabel(/^Status/).selectOption('resolved');
      const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this ticket' });
      await expect(alert).toContainText(/Priority: \w+ → Critical/);
    });
    await expect(page.getByLabel(/^Status/), 'the refused status is not on screen').toHaveValue('in_progress');
    await expect(page.getByLabel(/^Priority/), "the other person's priority is").toHaveValue('critical');
    await screenshot(page, '07-edit-conflict');
    await showOthersChanges();
  });

  await step('hostile ticket text is shown literally and runs nothing', async () => {
    await page.goto('/tickets/new', { waitUntil: 'networkidle' });
    const id = await submitTicket(page, hostileTitle, hostileDescription);
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByLabel('Search', { exact: true }).fill(hostileWord);
    await page.getByText('Showing 1–1 of 1 ticket').waitFor();
    await expect(rowOf(page, hostileTitle).locator('.ticket-row__description')).toHaveText(hostileDescription);
    await page.goto(`/tickets/${id}`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: hostileTitle, exact: true }).waitFor();
    const injected = await page.evaluate(() => document.querySelectorAll('#root img, #root script, #root b').length);
    expect(injected, 'elements created from ticket text').toBe(0);
    await screenshot(page, '08-hostile-text');
  });
});
